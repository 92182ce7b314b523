// Loaded at the top of <body> and not deferred, so these classes are there before anything is drawn: GOV.UK Frontend's
// styles for a page with script then apply from the first paint, and nothing moves when hearth.js starts the components.
// The same test as GOV.UK Frontend's own page template: a browser that runs modules will run hearth.js.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
