// Plays every module of a SCORM package in Moodle's real player, moving the
// way a student does: starting on the course home and pressing the player's
// Next button ("next"), or picking the modules in the player's table of
// contents, last one first ("toc"). In each module it answers the knowledge
// check right and scrolls to the end; then it leaves the player. Prints JSON:
// the page each step showed and any page errors. What Moodle stored is read
// afterwards with the kit's tracks.php.
//
// usage: node scorm_nav.mjs '<scenario json>'
// scenario: {base, user, password, scormid, homeScoid, org, mode: "next"|"toc",
//            titles: [module titles in package order], chromium}
import { chromium } from "playwright-core";

const s = JSON.parse(process.argv[2]);
const browser = await chromium.launch({ executablePath: s.chromium || "/usr/bin/chromium",
                                        args: ["--no-sandbox"] });
const steps = [];
const errors = [];
const posts = [];
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(30000);
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => {
    if (r.url().includes("/mod/scorm/datamodel.php")) {
      const body = (r.postData() || "").replace(/sesskey=[^&]*&?/, "");
      posts.push(body.length > 600 ? body.slice(0, 600) : body);
    }
  });
  await page.goto(`${s.base}/login/index.php`, { waitUntil: "networkidle" });
  await page.fill("#username", s.user);
  await page.fill("#password", s.password);
  await Promise.all([page.waitForNavigation(), page.click("#loginbtn")]);
  await page.goto(`${s.base}/mod/scorm/player.php?a=${s.scormid}&scoid=${s.homeScoid}` +
                  `&currentorg=${encodeURIComponent(s.org)}&mode=normal`,
                  { waitUntil: "networkidle" });
  let shown = await frameUrl(page);
  steps.push({ step: "launch", url: shown });
  const order = s.mode === "toc" ? [...s.titles].reverse() : s.titles;
  for (const title of order) {
    // A click event on the player's own controls: after the SCO frame has had
    // the focus, headless Chromium's mouse click at the button's position does
    // not reach the outer page (a real pointer does).
    if (s.mode === "toc") {
      await page.locator("#scorm_toc").getByText(title, { exact: true }).first()
        .dispatchEvent("click");
    } else {
      await page.locator("#nav_next").dispatchEvent("click");
    }
    shown = await nextFrame(page, shown);
    const frame = await (await page.$("#scorm_object")).contentFrame();
    const heading = (await frame.locator("h1").first().textContent().catch(() => "")).trim();
    const answered = await answerAll(frame);
    await frame.locator("#end-of-module").scrollIntoViewIfNeeded().catch(() => {});
    await page.waitForTimeout(2500);
    const score = (await frame.locator(".quiz__score").textContent().catch(() => "")).trim();
    steps.push({ step: title, url: shown, heading, answered, score });
  }
  await page.goto(`${s.base}/my/`, { waitUntil: "networkidle" });
  await page.waitForTimeout(1500);
} catch (e) {
  errors.push(String(e.message).split("\n")[0]);
} finally {
  await browser.close();
}
console.log(JSON.stringify({ steps, errors, posts }));

async function frameUrl(page) {
  const el = await page.waitForSelector("#scorm_object", { timeout: 20000 });
  const frame = await el.contentFrame();
  await frame.waitForLoadState("load");
  return frame.url();
}

async function nextFrame(page, before) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const el = await page.$("#scorm_object");
    const frame = el && (await el.contentFrame());
    if (frame && frame.url() !== before && frame.url().includes("/modules/")) {
      await frame.waitForLoadState("load");
      await page.waitForTimeout(500);
      return frame.url();
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`the player did not load another module after ${before}`);
}

async function answerAll(frame) {
  const items = await frame.$$("li.quiz__item");
  for (const item of items) {
    const answer = await item.getAttribute("data-answer");
    if ((await item.getAttribute("data-kind")) === "fill_blank") {
      await (await item.$("input[type=text]")).fill(answer);
    } else {
      await (await item.$(`input[type=radio][value="${answer}"]`)).check();
    }
  }
  if (items.length) {
    await frame.click("form.quiz__form button[type=submit]");
  }
  return items.length;
}
