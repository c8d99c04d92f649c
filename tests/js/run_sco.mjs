// Drives one SCO in headless Chromium through the harness page and prints
// what the LMS (scorm-again) recorded, as JSON on stdout. Write-only elements
// (exit, session_time) are read from the logged SetValue calls.
//
// usage: node run_sco.mjs '<scenario json>'
// scenario: {base, version: "1.2"|"2004", sco, scroll: bool,
//            answers: "right"|"wrong"|"none"|"right-then-wrong",
//            leave: "unload"|"none", wait: ms before leaving,
//            direct: bool (open the SCO without an LMS)}
import { chromium } from "playwright-core";

const scenario = JSON.parse(process.argv[2]);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
  "--disable-background-networking", "--no-first-run"];

async function answer(frame, how) {
  const items = frame.locator(".quiz__item");
  const count = await items.count();
  for (let i = 0; i < count; i += 1) {
    const item = items.nth(i);
    const kind = await item.getAttribute("data-kind");
    const key = await item.getAttribute("data-answer");
    if (kind === "fill_blank") {
      await item.locator("input[type=text]").fill(how === "right" ? key : "no idea");
      continue;
    }
    const values = await item.locator("input[type=radio]").evaluateAll(
      (inputs) => inputs.map((input) => input.value));
    const pick = how === "right" ? key : values.find((value) => value !== key);
    await item.locator(`input[type=radio][value="${pick}"]`).check();
  }
  await frame.locator(".quiz__check").click();
}

async function lmsState(page, v12) {
  return page.evaluate((is12) => {
    const cmi = window.lms.cmi;
    if (is12) {
      return {
        status: cmi.core.lesson_status, raw: cmi.core.score.raw, min: cmi.core.score.min,
        max: cmi.core.score.max,
      };
    }
    return {
      completion: cmi.completion_status, success: cmi.success_status,
      scaled: cmi.score.scaled, raw: cmi.score.raw, min: cmi.score.min, max: cmi.score.max,
    };
  }, v12);
}

function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
      errors.push(msg.text());
    }
  });
  page.on("response", (response) => {
    // a missing file of the package is an error; the browser's own favicon probe is not
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  return errors;
}

async function runDirect(page) {
  const errors = watchErrors(page);
  await page.goto(`${scenario.base}/${scenario.sco}`);
  await page.locator("#end-of-module").scrollIntoViewIfNeeded();
  await answer(page.mainFrame(), scenario.answers);
  const score = await page.locator(".quiz__score").textContent();
  await page.goto("about:blank");
  return { errors, score };
}

async function runInLms(page) {
  const v12 = scenario.version === "1.2";
  const errors = watchErrors(page);
  const url = `${scenario.base}/harness.html?v=${scenario.version}&sco=${scenario.sco}`;
  await page.goto(url);
  const initialize = v12 ? "LMSInitialize" : "Initialize";
  await page.waitForFunction((name) => window.calls.some((c) => c[0] === name), initialize);
  const frame = page.frame({ name: "sco" });
  await frame.waitForSelector("#end-of-module", { state: "attached" });
  const before = await lmsState(page, v12);
  if (scenario.scroll) {
    await frame.locator("#end-of-module").scrollIntoViewIfNeeded();
    await page.waitForFunction((is12) => (is12
      ? window.lms.cmi.core.lesson_status : window.lms.cmi.completion_status) === "completed",
    v12);
  }
  for (const how of scenario.answers.split("-then-")) {
    if (how !== "none") {
      await answer(frame, how);
    }
  }
  if (scenario.wait) {
    await page.waitForTimeout(scenario.wait);
  }
  const finish = v12 ? "LMSFinish" : "Terminate";
  if (scenario.leave === "unload") {
    await page.evaluate(() => { document.getElementById("sco").src = "about:blank"; });
  }
  if (scenario.leave !== "none") {
    await page.waitForFunction((name) => window.calls.some((c) => c[0] === name), finish);
  }
  const after = await lmsState(page, v12);
  const calls = await page.evaluate(() => window.calls);
  const frameUrl = page.frame({ name: "sco" }).url();
  return { before, after, calls, errors, frameUrl };
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  page.setDefaultTimeout(15000);
  const result = scenario.direct ? await runDirect(page) : await runInLms(page);
  process.stdout.write(JSON.stringify(result));
} finally {
  await browser.close();
}
