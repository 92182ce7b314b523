import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { makeEvent } from '../../src/modules/supporters/test-support/factories.js';
import { createUser, uniqueEmail, type TestUser } from '../support/app.js';
import { browserSession, checkPage, heading, linkInLatestEmail, newPage, press, startSignedIn, visit } from './support.js';

const session = browserSession();

describe('a visitor: the newsletter and events', () => {
  it('signs up to the newsletter with double opt-in, then unsubscribes from the preferences page, without JavaScript', async (t) => {
    const page = await session.visitor(t, { javaScriptEnabled: false });
    await visit(page, '/newsletter');
    await press(page, 'Sign up');
    assert.match(await page.title(), /^Error:/);
    await checkPage(page);
    const email = uniqueEmail('reader');
    await page.getByLabel('Email address').fill(email);
    await press(page, 'Sign up');
    assert.equal(await heading(page), 'Check your email');
    await checkPage(page);

    await visit(page, await linkInLatestEmail(session.server, email, '/newsletter/confirm'));
    assert.equal(await heading(page), 'Confirm your newsletter sign-up');
    await press(page, 'Confirm sign-up');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed up/);
    await checkPage(page);
    await page.getByRole('link', { name: 'change your preferences' }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
    await press(page, 'Unsubscribe');
    assert.match((await page.locator('main').textContent()) ?? '', /You have unsubscribed/);
    await checkPage(page);

    await visit(page, '/newsletter/confirm?token=nonsense-but-long-enough-to-check', 404);
    await visit(page, '/newsletter/preferences?s=x&t=y', 404);
  });

  it('reads the events, the support page and past newsletters', async (t) => {
    const page = await session.visitor(t);
    const event = await makeEvent(session.server.app, { capacity: 3, title: 'Virtual lobby of Parliament (test)' });
    await visit(page, '/events');
    await page.getByRole('link', { name: 'Virtual lobby of Parliament (test)' }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
    assert.match((await page.locator('main').textContent()) ?? '', /Sign in/);
    const ics = await page.request.get(`/events/${event.slug}/calendar.ics`);
    assert.match(ics.headers()['content-type'] ?? '', /^text\/calendar/);
    await visit(page, '/support');
    await visit(page, '/newsletter/issues');
  });
});

describe('a member: events, pledges and their own data', () => {
  let member: TestUser;
  let page: Page;
  before(async () => {
    member = await createUser(session.server.app);
    page = await newPage(session.browser, session.server);
    await startSignedIn(page, session.server, member);
  });

  it('books a place on a full event’s wait-list, then leaves it', async () => {
    const event = await makeEvent(session.server.app, { capacity: 1, title: 'Coffee morning (test)' });
    const other = await createUser(session.server.app);
    await session.server.app.supporters.events.signUp(event.id, other);
    await visit(page, `/events/${event.slug}`);
    await press(page, 'Join the wait-list');
    await checkPage(page);
    assert.match((await page.locator('#registration-status').textContent()) ?? '', /wait-list/);
    await press(page, 'Leave the wait-list');
    await checkPage(page);
    assert.ok(await page.getByRole('button', { name: 'Join the wait-list' }).isVisible());
  });

  it('makes a pledge with Gift Aid, seeing every mistake first, then cancels it', async () => {
    await visit(page, '/support/pledge');
    await page.getByLabel('Yes, add Gift Aid').check();
    await press(page, 'Make my pledge');
    assert.match(await page.title(), /^Error:/);
    await checkPage(page);
    await page.getByLabel('How much would you like to give?').fill('10');
    await page.getByLabel('Every month').check();
    await page.getByLabel('First name').fill('Sam');
    await page.getByLabel('Last name').fill('Example');
    await page.getByLabel('House name or number').fill('1');
    await page.getByLabel('Street and town').fill('Example Street, Northmoor');
    await page.getByLabel('Postcode').fill('zz99 1zz');
    await page.getByLabel('I am a UK taxpayer').check();
    await page.getByLabel(/I understand that if I pay less/).check();
    await press(page, 'Make my pledge');
    await checkPage(page);
    assert.match((await page.locator('#reference').textContent()) ?? '', /^HP-/);
    await visit(page, '/support/pledges');
    await page.getByRole('button', { name: /^Cancel this pledge HP-/ }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
    assert.match((await page.locator('main').textContent()) ?? '', /Cancelled/);
  });

  it('sees their data, then deletes their account', async () => {
    await visit(page, '/account/data');
    assert.ok(await page.getByRole('heading', { name: 'Pledges' }).isVisible());
    const download = await page.request.get('/account/data.json');
    assert.equal(JSON.parse(await download.text()).account.email, member.email);
    await visit(page, '/account/delete');
    await press(page, 'Delete my account');
    assert.match(await page.title(), /^Error:/);
    await checkPage(page);
    await page.getByLabel('Your password').fill(member.password);
    await page.getByLabel(/I understand that my account/).check();
    await press(page, 'Delete my account');
    await checkPage(page);
    assert.equal(await heading(page), 'Your account has been deleted');
  });
});

describe('staff: newsletters, events, pledges and subject access', () => {
  let page: Page;
  before(async () => {
    const admin = await createUser(session.server.app, { roles: ['admin', 'editor'] });
    page = await newPage(session.browser, session.server);
    await startSignedIn(page, session.server, admin);
  });

  it('writes a newsletter, previews it, sends a test and sends it', async () => {
    await visit(page, '/admin/newsletter');
    await visit(page, '/admin/newsletter/new');
    await press(page, 'Save draft');
    assert.match(await page.title(), /^Error:/);
    await checkPage(page);
    await page.getByLabel('Subject').fill('Winter news');
    await page
      .getByLabel('Introduction')
      .fill('Hello,\n\nSee https://www.example.org/a-very-long-address-that-must-wrap-at-three-hundred-and-twenty-pixels for more.');
    await press(page, 'Save draft');
    await checkPage(page);
    await press(page, 'Send me a test');
    await checkPage(page);
    await page.getByLabel(/I have checked the preview/).check();
    await press(page, 'Send to the list');
    await checkPage(page);
    assert.match((await page.locator('main').textContent()) ?? '', /Sending has started|Sent/);
    await page.getByRole('link', { name: /\/newsletter\/issues\// }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
    await visit(page, '/admin/newsletter/problems');
    await press(page, 'Record them');
    await checkPage(page);
  });

  it('adds an event and exports its attendees', async () => {
    await visit(page, '/admin/events/new');
    await press(page, 'Publish event');
    assert.match(await page.title(), /^Error:/);
    await checkPage(page);
    await page.getByLabel('Title').fill('Lobby rehearsal');
    await page.getByLabel('Summary').fill('Practise what to say.');
    await page.getByLabel('Description').fill('An hour together.');
    await page.getByLabel('Location').fill('Online');
    await page.getByLabel('Yes').check();
    await page.getByLabel('Day').fill('5');
    await page.getByLabel('Month').fill('10');
    await page.getByLabel('Year').fill(String(new Date().getFullYear() + 1));
    await page.getByLabel('Start time (UK time)').fill('10:00');
    await page.getByLabel('Length in hours').fill('1');
    await page.getByLabel('Places').fill('20');
    await press(page, 'Publish event');
    await checkPage(page);
    assert.equal(await heading(page), 'Lobby rehearsal');
    await visit(page, '/admin/events');
  });

  it('records a payment, downloads the Gift Aid claim, and answers a subject access request', async () => {
    await visit(page, '/admin/supporters');
    await press(page, 'Record payment');
    assert.match(await page.title(), /^Error:/);
    await checkPage(page);
    await visit(page, '/admin/people');
    const someone = await createUser(session.server.app);
    await visit(page, `/admin/people?q=${encodeURIComponent(someone.email)}`);
    await page.getByRole('link', { name: new RegExp(someone.email) }).click();
    await page.waitForLoadState('load');
    await checkPage(page);
  });
});
