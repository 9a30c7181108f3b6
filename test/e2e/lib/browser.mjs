// n8n's editor in a real, headless Chromium (Debian's package, installed by scripts/runtime.mjs when
// missing) driven by puppeteer-core: sign in, open the node panel, the canvas and a node's details view,
// read what the editor shows, and save a screenshot of every step.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import puppeteer from 'puppeteer-core';

import { ensureChromium } from '../../../scripts/runtime.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const VIEWPORT = { width: 1280, height: 800 };

/** XPath string literal for any text (XPath 1.0 has no escapes: split on double quotes). */
function xpathLiteral(text) {
	if (!text.includes('"')) return `"${text}"`;
	return `concat(${text
		.split('"')
		.map((part) => `"${part}"`)
		.join(", '\"', ")})`;
}

/**
 * Starts Chromium and returns an `editor` object bound to one page of the given n8n. Screenshots go to
 * `<screenshotDir>/NN-<name>.png`. Call `close()` at the end (also on failure).
 */
export async function openEditor({ url, screenshotDir, log = () => {} }) {
	const chromium = await ensureChromium({ quiet: true });
	log(`${chromium.version} (${chromium.executablePath})`);
	await mkdir(screenshotDir, { recursive: true });
	const browser = await puppeteer.launch({
		executablePath: chromium.executablePath,
		headless: true,
		// --no-sandbox: Chromium's sandbox cannot run as root (CI and these machines run as root).
		args: [
			'--no-sandbox',
			'--disable-dev-shm-usage',
			'--disable-gpu',
			'--no-first-run',
			`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
		],
		defaultViewport: VIEWPORT,
	});
	const page = await browser.newPage();
	page.setDefaultTimeout(30_000);
	const pageErrors = [];
	page.on('pageerror', (error) => pageErrors.push(error.message));
	// Failed requests to n8n itself (for failure messages); the editor's calls to other hosts are offline.
	const failedRequests = [];
	const consoleErrors = [];
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text().slice(0, 300));
	});
	page.on('requestfailed', (request) => {
		if (request.url().startsWith(url))
			failedRequests.push(
				`${request.method()} ${request.url().slice(url.length)} → ${request.failure()?.errorText}`,
			);
	});
	page.on('response', (response) => {
		if (response.status() >= 400 && response.url().startsWith(url))
			failedRequests.push(
				`${response.request().method()} ${response.url().slice(url.length)} → ${response.status()}`,
			);
	});
	let shot = 0;
	const screenshots = [];

	const editor = {
		page,
		browser,
		pageErrors,
		failedRequests,
		consoleErrors,
		screenshots,
		chromium,

		async close() {
			await browser.close().catch(() => {});
		},

		/** Saves a screenshot of the page (or of one element) as NN-<name>.png; returns its path. */
		async screenshot(name, { element } = {}) {
			shot++;
			const file = path.join(screenshotDir, `${String(shot).padStart(2, '0')}-${name}.png`);
			if (element) await element.screenshot({ path: file });
			else await page.screenshot({ path: file });
			screenshots.push(file);
			return file;
		},

		async goto(route) {
			await page.goto(`${url}${route}`, { waitUntil: 'networkidle2' });
		},

		/** Signs in through the editor's sign-in page. */
		async signIn(email, password) {
			await editor.goto('/signin');
			await page.waitForSelector('input[name=emailOrLdapLoginId]');
			await page.type('input[name=emailOrLdapLoginId]', email);
			await page.type('input[name=password]', password);
			await page.click('[data-test-id=form-submit-button]');
			await page.waitForFunction(() => !location.pathname.startsWith('/signin'), {
				timeout: 30_000,
			});
		},

		/**
		 * Opens a workflow and waits until its nodes are on the canvas. When the editor could not load
		 * its start-up data (its "Init Problem" message; every node then shows as unknown), it reloads,
		 * at most twice, saying so in the log.
		 */
		async openWorkflow(id) {
			for (let attempt = 1; ; attempt++) {
				const failedBefore = failedRequests.length;
				await editor.goto(`/workflow/${id}`);
				const problem = await page
					.waitForSelector('[data-test-id=canvas-node]', { timeout: 20_000 })
					.then(async () => {
						await sleep(1000); // issues and subtitles are computed right after the nodes appear
						const text = await page.evaluate(() => document.body.innerText);
						return /There was a problem loading init data|Error connecting to n8n/.exec(text)?.[0];
					})
					.catch(async () => {
						const text = await page.evaluate(() => document.body.innerText).catch(() => '');
						return `no node on the canvas after 20 s (${text.replace(/\s+/g, ' ').slice(0, 200)})`;
					});
				if (!problem) return;
				const detail = `${problem}; failed requests: ${failedRequests.slice(failedBefore).join(', ') || 'none'}; console errors: ${consoleErrors.slice(-3).join(' | ') || 'none'}`;
				if (attempt === 3) throw new Error(`workflow ${id} did not open in the editor: ${detail}`);
				log(`the editor did not open workflow ${id} (${detail}); reloading`);
				await sleep(2000);
			}
		},

		/** Canvas nodes: [{ name, type, subtitle, hasIssues, notInstalled }]. */
		async canvasNodes() {
			return await page.$$eval('[data-test-id=canvas-node]', (elements) =>
				elements.map((element) => {
					const name = element.getAttribute('data-node-name');
					const lines = element.innerText
						.split('\n')
						.map((line) => line.trim())
						.filter(Boolean);
					const at = lines.indexOf(name);
					return {
						name,
						type: element.getAttribute('data-node-type'),
						subtitle: at >= 0 ? (lines[at + 1] ?? '') : '',
						hasIssues: !!element.querySelector('[data-test-id=node-issues]'),
						notInstalled: !!element.querySelector('[data-test-id=node-not-installed]'),
					};
				}),
			);
		},

		/** The issue tooltip of a canvas node (hovering its issue icon), e.g. 'Parameter "X" is required.' */
		async issueTooltip(nodeName) {
			const node = await page.$(
				`[data-test-id=canvas-node][data-node-name=${JSON.stringify(nodeName)}]`,
			);
			const icon = await node?.$('[data-test-id=node-issues]');
			if (!icon) return '';
			await icon.scrollIntoView();
			const box = await icon.boundingBox();
			await page.mouse.move(5, 5);
			await sleep(200);
			if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
			const tips = await page
				.waitForFunction(
					() => {
						const texts = [...document.querySelectorAll('.n8n-tooltip, [role=tooltip], .el-popper')]
							.map((e) => e.innerText.trim())
							.filter((text) => /^Issues/.test(text));
						return texts.length > 0 ? texts : false;
					},
					{ timeout: 5000 },
				)
				.then((handle) => handle.jsonValue())
				.catch(() => []);
			await page.mouse.move(5, 5);
			return tips.join(' | ').replace(/\s+/g, ' ');
		},

		/**
		 * How many pixels of each sticky note's text are cut off on the canvas: [{ heading, found, hiddenPx }].
		 * A note is found by its heading's text, so this does not depend on n8n's class names.
		 */
		async stickyOverflow(headings) {
			return await page.evaluate(
				(headings) =>
					headings.map((heading) => {
						const element = [...document.querySelectorAll('.vue-flow__node *')].find(
							(e) => e.children.length === 0 && e.textContent.trim() === heading,
						);
						let hiddenPx = 0;
						for (let e = element; e && !e.classList.contains('vue-flow__node'); e = e.parentElement)
							if (getComputedStyle(e).overflowY !== 'visible')
								hiddenPx = Math.max(hiddenPx, e.scrollHeight - e.clientHeight);
						return { heading, found: Boolean(element), hiddenPx };
					}),
				headings,
			);
		},

		/** Double-clicks a canvas node and waits for its details view (NDV). */
		async openNode(nodeName) {
			const node = await page.waitForSelector(
				`[data-test-id=canvas-node][data-node-name=${JSON.stringify(nodeName)}]`,
			);
			await node.click({ count: 2 });
			await page.waitForSelector('[data-test-id=ndv]');
			await sleep(800);
		},

		async closeNode() {
			await page.click('[data-test-id=ndv-close-button]');
			await page.waitForSelector('[data-test-id=ndv]', { hidden: true });
			await sleep(300);
		},

		/** Visible text of the details view (or of a part of it). */
		async ndvText(selector = '[data-test-id=ndv]') {
			return await page.$eval(selector, (element) => element.innerText);
		},

		/** Clicks the innermost element whose whole text is `text` (within `root`, default the page). */
		async clickText(text, { root = '' } = {}) {
			const literal = xpathLiteral(text);
			const [element] = await page.$$(
				`xpath/${root ? `${root}` : ''}//*[normalize-space(.)=${literal} and not(.//*[normalize-space(.)=${literal}])]`,
			);
			if (!element) throw new Error(`no element with the text "${text}"`);
			await element.click();
			return element;
		},

		/** Opens the node panel ("+" on the canvas) and searches. Returns the entries' names. */
		async searchNodePanel(query) {
			await page.click('[data-test-id=node-creator-plus-button]');
			const input = await page.waitForSelector(
				'[data-test-id=node-creator-search-bar] input, input[data-test-id=node-creator-search-bar]',
			);
			await input.evaluate((element) => {
				element.focus();
				element.select?.();
			});
			await input.type(query);
			await sleep(1000);
			return await page.$$eval('[data-test-id=node-creator-item-name]', (elements) =>
				elements.map((e) => e.textContent.trim()),
			);
		},

		/**
		 * Clicks an entry of the node panel's result list and reads its actions view: the section headers
		 * ("Actions (47)", "Triggers (8)") and every action and trigger listed (collapsed sections expanded).
		 */
		async readPanelEntry(displayName) {
			const entries = await page.$$('[data-test-id=node-creator-item-name]');
			let clicked = false;
			for (const entry of entries) {
				if ((await entry.evaluate((e) => e.textContent.trim())) === displayName) {
					await entry.click();
					clicked = true;
					break;
				}
			}
			if (!clicked) throw new Error(`the node panel has no entry "${displayName}"`);
			const actionItems =
				'[data-test-id=node-creator] [data-test-id=item-iterator-item][data-keyboard-nav-type=action]';
			await page.waitForSelector(`[data-test-id=node-creator-category-item], ${actionItems}`);
			await sleep(600);
			// Expand every collapsed section: a click toggles a section; when it made the list shorter,
			// the section was open, and a second click opens it again.
			const countItems = async () => (await page.$$(actionItems)).length;
			const headerCount = (await page.$$('[data-test-id=node-creator-category-item]')).length;
			for (let i = 0; i < headerCount; i++) {
				const before = await countItems();
				const header = (await page.$$('[data-test-id=node-creator-category-item]'))[i];
				await header.click();
				await sleep(400);
				if ((await countItems()) < before) {
					await (await page.$$('[data-test-id=node-creator-category-item]'))[i].click();
					await sleep(400);
				}
			}
			// Back to the top of the list (for the screenshot).
			await (await page.$('[data-test-id=node-creator-category-item]'))?.scrollIntoView();
			await sleep(300);
			const sections = await page.$$eval('[data-test-id=node-creator-category-item]', (elements) =>
				elements.map((e) => e.innerText.replace(/\s+/g, ' ').trim()),
			);
			const items = await page.$$eval(actionItems, (elements) =>
				elements.map(
					(e) =>
						e.innerText
							.split('\n')
							.map((l) => l.trim())
							.filter(Boolean)[0],
				),
			);
			// Without section headers (an entry with only triggers or only actions) the counts are unknown.
			const count = (label) => {
				if (sections.length === 0) return undefined;
				const header = sections.find((s) => s.startsWith(label));
				return header ? Number(/\((\d+)\)/.exec(header)?.[1] ?? 0) : 0;
			};
			return { sections, items, actions: count('Actions'), triggers: count('Triggers') };
		},

		/** Goes back from an entry's actions view to the result list. */
		async panelBack() {
			const buttons = await page.$$('[data-test-id=nodes-list-header] button');
			if (buttons.length === 0) throw new Error('the node panel has no back button');
			await buttons[buttons.length - 1].click();
			await page.waitForSelector('[data-test-id=node-creator-item-name]');
			await sleep(500);
		},

		async closePanel() {
			await page.keyboard.press('Escape');
			await sleep(500);
		},
	};
	return editor;
}
