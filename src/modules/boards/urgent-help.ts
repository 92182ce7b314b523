/** Where to get help now, in the same words on the page and in the API. The advice line only when Hearth has one. */
export function urgentHelp(adviceLine: boolean) {
  return [
    { name: 'Emergency services', how: 'Call 999 if you or a child are in danger right now.' },
    { name: 'Samaritans', how: 'Call 116 123, free, any time of day or night, to talk to someone.' },
    ...(adviceLine
      ? [{ name: 'Our advice line', how: 'Talk to an adviser about what is happening with children’s services.', href: '/advice-line' }]
      : []),
  ];
}
