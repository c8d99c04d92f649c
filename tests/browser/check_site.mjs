// Checks a built course site in headless Chromium (one browser launch) and
// prints what it found as JSON on stdout. Driven by tests/test_site_browser.py.
//
// usage: node check_site.mjs <job.json>
// job: {sites: [{name, root, pages: [rel], keyboard: rel|null, nojs: rel|null,
//                search: {page: rel, query: str}|null}],
//       screenshots: {dir, pages: [{site, page, label}]}|null, control: path|null}
//
// For every page: the axe-core violations in light and dark colour schemes,
// every request that leaves the site folder (blocked), page errors and
// horizontal overflow at 360 px.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
  "--disable-background-networking", "--no-first-run"];
const job = JSON.parse(readFileSync(process.argv[2], "utf8"));

function insideFolder(url, root) {
  if (url.startsWith("data:") || url === "about:blank") return true;
  if (!url.startsWith("file://")) return false;
  const file = decodeURIComponent(new URL(url).pathname);
  return file === root || file.startsWith(root + path.sep);
}

async function newPage(context, root, log) {
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (insideFolder(url, root)) return route.continue();
    log.outside.push(url);
    return route.abort();
  });
  page.on("pageerror", (error) => log.errors.push(String(error)));
  page.on("requestfailed", (request) => {
    if (insideFolder(request.url(), root)) {
      log.errors.push(`failed: ${request.url()} ${request.failure() && request.failure().errorText}`);
    }
  });
  return page;
}

async function axe(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, {
    resultTypes: ["violations"], preload: false,
  }));
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}

async function audit(browser, site) {
  const out = {};
  // light at 360 px (overflow) and 1440 px (axe), dark at 1440 px (axe: contrast)
  for (const [scheme, widths] of [["light", [360, 1440]], ["dark", [1440]]]) {
    for (const width of widths) {
      const context = await browser.newContext({ colorScheme: scheme,
        viewport: { width, height: 800 } });
      for (const rel of site.pages) {
        const log = { outside: [], errors: [] };
        const page = await newPage(context, site.root, log);
        await page.goto(pathToFileURL(path.join(site.root, rel)).href);
        const key = `${rel} ${scheme} ${width}`;
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth);
        // axe once per colour scheme (the layout width does not change colours)
        const violations = width === 1440 ? await axe(page) : [];
        out[key] = { violations, overflow, ...log };
        await page.close();
      }
      await context.close();
    }
  }
  return out;
}

async function describeFocus(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const item = el.closest(".quiz__item");
    return {
      tag: el.tagName.toLowerCase(), type: el.type || "", cls: el.className || "",
      text: (el.textContent || "").trim().slice(0, 60),
      outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
      inQuiz: Boolean(el.closest(".quiz__form")),
      item: item ? [...item.parentNode.children].indexOf(item) : -1,
      visible: el.getBoundingClientRect().top >= -1,
    };
  });
}

async function keyboardWalk(browser, site) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const log = { outside: [], errors: [] };
  const page = await newPage(context, site.root, log);
  await page.goto(pathToFileURL(path.join(site.root, site.keyboard)).href);
  await page.evaluate(() => {
    window.quizEvents = [];
    document.addEventListener("coursepack:quiz", (e) => window.quizEvents.push(e.detail));
  });
  const stops = [];
  await page.keyboard.press("Tab");
  const first = await describeFocus(page);
  stops.push(first);
  const items = await page.locator(".quiz__item").evaluateAll((list) => list.map((li) => ({
    kind: li.dataset.kind, answer: li.dataset.answer,
  })));
  let done = 0;
  for (let presses = 0; presses < 400 && done <= items.length; presses += 1) {
    await page.keyboard.press("Tab");
    const focus = await describeFocus(page);
    stops.push(focus);
    if (!focus || !focus.inQuiz) continue;
    if (focus.tag === "button") {
      await page.keyboard.press("Enter");
      break;
    }
    if (focus.item !== done) continue;
    const item = items[done];
    if (item.kind === "fill_blank") {
      await page.keyboard.type(item.answer);
    } else {
      await page.keyboard.press("Space");
      for (let k = 0; k < Number(item.answer); k += 1) await page.keyboard.press("ArrowDown");
    }
    done += 1;
  }
  await page.waitForTimeout(100);
  const result = await page.evaluate(() => ({
    events: window.quizEvents,
    status: document.querySelector(".quiz__score").textContent,
    live: document.querySelector(".quiz__score").getAttribute("aria-live"),
    feedback: [...document.querySelectorAll(".quiz__feedback")].map((p) => ({
      hidden: p.hidden, text: p.textContent })),
  }));
  const skipVisible = await page.evaluate(() => {
    const link = document.querySelector(".skip-link");
    link.focus();
    const box = link.getBoundingClientRect();
    return box.bottom > 0 && box.height > 0;
  });
  await context.close();
  return { first, stops: stops.filter(Boolean), answered: done, skipVisible, ...result, ...log };
}

async function withoutScript(browser, site) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const log = { outside: [], errors: [] };
  const page = await newPage(context, site.root, log);
  await page.goto(pathToFileURL(path.join(site.root, site.nojs)).href);
  const result = await page.evaluate(() => {
    const shown = (el) => Boolean(el) && el.checkVisibility({ contentVisibilityAuto: true });
    return [...document.querySelectorAll(".quiz__item")].map((li) => {
      const details = li.querySelector("details.quiz__answer");
      return {
        stem: shown(li.querySelector("legend")),
        choices: [...li.querySelectorAll("input")].filter(shown).length,
        summary: shown(details && details.querySelector("summary")),
        open: details ? details.open : null,
        answerShown: shown(details && details.querySelector("p")),
      };
    });
  });
  const button = await page.locator(".quiz__check").isVisible();
  await context.close();
  return { items: result, checkButton: button, ...log };
}

async function search(browser, site) {
  const context = await browser.newContext();
  const log = { outside: [], errors: [] };
  const page = await newPage(context, site.root, log);
  const url = pathToFileURL(path.join(site.root, site.search.page)).href;
  await page.goto(`${url}?q=${encodeURIComponent(site.search.query)}`);
  await page.waitForSelector(".search__results li, .search__status:not(:empty)");
  const hits = await page.locator(".search__results a").evaluateAll((links) => links.map(
    (a) => ({ href: a.getAttribute("href"), text: a.textContent.trim() })));
  const status = await page.locator(".search__status").textContent();
  let target = null;
  if (hits.length) {
    await page.locator(".search__results a").first().click();
    await page.waitForLoadState();
    target = decodeURIComponent(new URL(page.url()).pathname);
  }
  await context.close();
  return { hits, status, target, ...log };
}

async function screenshots(browser, spec, sites) {
  const files = [];
  for (const scheme of ["light", "dark"]) {
    for (const width of [360, 1440]) {
      const context = await browser.newContext({ colorScheme: scheme,
        viewport: { width, height: 900 } });
      for (const shot of spec.pages) {
        const site = sites[shot.site];
        const page = await newPage(context, site.root, { outside: [], errors: [] });
        await page.goto(pathToFileURL(path.join(site.root, shot.page)).href);
        const file = path.join(spec.dir, `${shot.label}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        files.push(file);
        await page.close();
      }
      await context.close();
    }
  }
  return files;
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
try {
  const report = { sites: {}, screenshots: [] };
  const byName = {};
  for (const site of job.sites) {
    byName[site.name] = site;
    const entry = { pages: await audit(browser, site) };
    if (site.keyboard) entry.keyboard = await keyboardWalk(browser, site);
    if (site.nojs) entry.nojs = await withoutScript(browser, site);
    if (site.search) entry.search = await search(browser, site);
    report.sites[site.name] = entry;
  }
  if (job.control) {
    // a page with known faults: proves axe runs and reports
    const page = await browser.newPage();
    await page.goto(pathToFileURL(job.control).href);
    report.control = (await axe(page)).map((v) => v.id);
    await page.close();
  }
  if (job.screenshots) report.screenshots = await screenshots(browser, job.screenshots, byName);
  process.stdout.write(JSON.stringify(report));
} finally {
  await browser.close();
}
