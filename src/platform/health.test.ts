import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../tests/support/app.js';

describe('health and the home page', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('says the process is up and the database is reachable', async () => {
    const health = await t.app.inject('/healthz');
    assert.equal(health.statusCode, 200);
    const ready = await t.app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().database, 'reachable');
  });

  it('serves the home page to a visitor without setting any cookie', async () => {
    const response = await t.app.inject('/');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Help for families when children’s services are involved/);
    assert.equal(response.headers['set-cookie'], undefined);
  });
});

describe('an overloaded server', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp({ MAX_EVENT_LOOP_DELAY_MS: '5' });
  });
  after(() => t.close());

  it('turns a visitor away with a readable 503 page and Retry-After, before any session is loaded', async () => {
    // Hold the event loop for longer than under-pressure's one-second sampling interval, so that a sample falls due
    // during the hold and is taken, with the delay in it, as soon as the loop is free.
    const until = Date.now() + 1_100;
    while (Date.now() < until);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const response = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    assert.equal(response.statusCode, 503);
    assert.equal(response.headers['retry-after'], '10');
    assert.match(String(response.headers['content-type']), /text\/html/);
    assert.match(response.body, /<h1[^>]*>/);
  });
});
