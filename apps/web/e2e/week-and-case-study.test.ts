import type { Page } from 'playwright-core';
import request from 'supertest';
import { signUp, type SignedUpUser } from '../../api/test/support/factories';
import { aRectangle } from '../../api/test/support/room-client';
import { artifact } from './support/browser';
import { clockIn, expectNoSidewaysScroll, memberStage } from './support/members';
import { anInterviewThatEnded } from './support/scoring';

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const DAY = 24 * 60 * 60_000;

/** Midnight UTC `days` from now, plus `hours`: on the quarter hour, as slots must be. */
function dayAt(days: number, hours: number): string {
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  return new Date(midnight.getTime() + days * DAY + hours * 60 * 60_000).toISOString();
}

async function offer(baseUrl: string, host: SignedUpUser, body: Record<string, unknown>): Promise<void> {
  await request(baseUrl).post('/api/slots').set(host.bearer).send(body).expect(201);
}

interface CardLayout {
  width: number;
  timeHeight: number;
  timeLineHeight: number;
  bookBesideTime: boolean;
  dayTitleLeft: number;
  dayTitleBottom: number;
  cardLeft: number;
  cardTop: number;
}

/** Where each slot card's parts sit (a string, because these tests compile without the DOM's types). */
function cardLayouts(page: Page): Promise<CardLayout[]> {
  return page.evaluate(`[...document.querySelectorAll('.week .slot-card')].map((card) => {
    const box = (element) => element.getBoundingClientRect();
    const time = card.querySelector('.slot-card__time');
    const book = card.querySelector('.slot-card__book');
    const title = card.closest('.week__day').querySelector('.week__day-title');
    return {
      width: box(card).width,
      timeHeight: box(time).height,
      timeLineHeight: parseFloat(getComputedStyle(time).lineHeight),
      bookBesideTime: box(book).top < box(time).bottom && box(time).top < box(book).bottom,
      dayTitleLeft: box(title).right,
      dayTitleBottom: box(title).bottom,
      cardLeft: box(card).left,
      cardTop: box(card).top,
    };
  })`) as Promise<CardLayout[]>;
}

function expectReadableCards(cards: CardLayout[], minWidth: number): void {
  expect(cards.length).toBe(6);
  for (const card of cards) {
    expect(card.width).toBeGreaterThanOrEqual(minWidth);
    // "18:00–19:30" on one line, and Book on that same line: nothing wraps.
    expect(card.timeHeight).toBeLessThan(card.timeLineHeight * 1.5);
    expect(card.bookBesideTime).toBe(true);
  }
}

describe('the week of open slots and the shared case study', () => {
  const stage = memberStage();

  it('shows the week as readable day rows on a laptop and as a day list on a phone', async () => {
    const url = stage.server.url;
    const [ada, ben, cy] = await Promise.all([
      signUp(url, { displayName: 'Ada Lovelace-Byron', timezone: 'Europe/London' }),
      signUp(url, { displayName: 'Benedict Cumberbatch', timezone: 'America/New_York' }),
      signUp(url, { displayName: 'Cy Young', timezone: 'Asia/Tokyo' }),
    ]);
    await offer(url, ada, { startsAt: dayAt(1, 9), format: 'swap' });
    await offer(url, ben, {
      startsAt: dayAt(1, 9),
      format: 'single',
      hostRole: 'interviewer',
      level: 'senior',
    });
    const cyStart = dayAt(1, 14.5);
    await offer(url, cy, { startsAt: cyStart, format: 'single', hostRole: 'candidate' });
    await offer(url, ada, { startsAt: dayAt(2, 17), format: 'single', durationMinutes: 60 });
    await offer(url, ben, { startsAt: dayAt(4, 8.25), format: 'swap', level: 'staff' });
    await offer(url, cy, { startsAt: dayAt(4, 19), format: 'swap' });

    const viewer = await stage.aMember('Vera Viewer', 'Europe/London');
    // 14:30 UTC is 14:30 in London in winter and 15:30 in summer: the clock the viewer reads.
    const bookCy = new RegExp(`^Book ${clockIn(new Date(cyStart), 'Europe/London')} on .* with Cy Young$`);
    await viewer.setViewportSize(LAPTOP);
    await viewer.goto(`${url}/practice`);
    const week = viewer.getByRole('region', { name: 'Book a partner' });
    await week.locator('.partner__name', { hasText: 'Cy Young' }).first().waitFor();
    await week.getByRole('button', { name: bookCy }).waitFor();

    // A laptop: each day is a row, its cards beside the day's name, wide enough to read at once.
    const laptop = await cardLayouts(viewer);
    expectReadableCards(laptop, 250);
    for (const card of laptop) expect(card.cardLeft).toBeGreaterThan(card.dayTitleLeft);
    await week.screenshot({ path: artifact('week-laptop.png') });

    // A phone: the days are a list, each day's name above its cards, a card the width of the list.
    await viewer.setViewportSize(PHONE);
    await expectNoSidewaysScroll(viewer);
    const phone = await cardLayouts(viewer);
    expectReadableCards(phone, 300);
    for (const card of phone) expect(card.cardTop).toBeGreaterThanOrEqual(card.dayTitleBottom);
    await week.screenshot({ path: artifact('week-phone-list.png') });

    // Still a working list: Book opens the confirmation for that slot.
    await week.getByRole('button', { name: bookCy }).click();
    await viewer.getByRole('dialog', { name: 'Book this slot?' }).waitFor();
  });

  it('draws the whiteboard text of a shared case study in Excalifont, carried inside the SVG', async () => {
    const url = stage.server.url;
    const [ivy, cam] = await Promise.all([signUp(url), signUp(url)]);
    const sessionId = await anInterviewWithText(url, ivy, cam);
    const share = await request(url).post(`/api/sessions/${sessionId}/share`).set(cam.bearer).expect(200);
    const link = `${url}${(share.body as { url: string }).url}`;

    const reader = await stage.browser.newContext({ viewport: LAPTOP });
    const page = await reader.newPage();
    await page.goto(link);
    await page.getByRole('img', { name: /whiteboard/i }).waitFor();
    const src = await page.locator('.whiteboard-figure img').getAttribute('src');
    const svg = textOf(await request(url).get(src!).expect(200));
    expect(svg).toContain('<style>@font-face{font-family:"Excalifont";src:url(data:font/woff2;base64,');
    expect(svg).toContain('font-family="Excalifont, ');

    // As an image on the page: the text drawn with the embedded font differs from the same SVG
    // without it (which falls back to another font), so the font is what the reader sees.
    const difference = await page.evaluate(`(async () => {
      const img = document.querySelector('.whiteboard-figure img');
      await img.decode();
      const text = await (await fetch(img.src)).text();
      const pixels = async (source) => {
        const image = new Image();
        image.src = source;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, canvas.width, canvas.height).data;
      };
      const withoutFont = URL.createObjectURL(
        new Blob([text.replace(/<style>.*?<\\/style>/, '')], { type: 'image/svg+xml' }),
      );
      const [embedded, fallback] = await Promise.all([pixels(img.src), pixels(withoutFont)]);
      let differing = 0;
      for (let i = 0; i < embedded.length; i += 4) if (embedded[i] !== fallback[i]) differing += 1;
      return differing;
    })()`);
    expect(difference).toBeGreaterThan(50);
    await page.screenshot({ path: artifact('shared-case-study-font.png'), fullPage: true });

    // Opened by itself, the SVG (under its own strict policy) loads the font it carries.
    const svgPage = await reader.newPage();
    await svgPage.goto(`${url}${src}`);
    const loaded = await svgPage.evaluate(
      `document.fonts.ready.then(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')))`,
    );
    expect(loaded).toContain('Excalifont');
    await svgPage.screenshot({ path: artifact('whiteboard-svg-font.png') });
    await reader.close();
  });
});

/** Supertest leaves unknown types such as image/svg+xml as a buffer: read the text either way. */
function textOf(response: request.Response): string {
  return Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.text;
}

/** A practise-now interview in which the interviewer wrote on the board, then ended it. */
async function anInterviewWithText(
  baseUrl: string,
  interviewer: SignedUpUser,
  candidate: SignedUpUser,
): Promise<string> {
  const text = (words: string, x: number, y: number) =>
    aRectangle({ type: 'text', text: words, x, y, width: 320, height: 35, fontSize: 28, fontFamily: 5 });
  const session = await anInterviewThatEnded(baseUrl, interviewer, candidate, [
    aRectangle({ x: 20, y: 20, width: 380, height: 160 }),
    text('Cache in front of the DB', 40, 40),
    text('Shorten → redirect 301', 40, 110),
  ]);
  return session.id;
}
