// The editor as a new user sees it, in a real headless Chromium (Debian's package; scripts/runtime.mjs
// installs it when missing) driven by puppeteer-core:
//   1. sign in through the sign-in page;
//   2. node panel: search "GreenFlux"; every entry of the package is listed, and each lists exactly the
//      actions and triggers the package defines (expected lists computed from /types/nodes.json the way
//      n8n's editor computes them, lib/node-panel.mjs) — fails when an action is missing or extra;
//   3. canvas subtitles: every operation's subtitle is its action text (evaluated like the editor);
//   4. every demo workflow opens without a node issue on the canvas (and a broken copy does show one,
//      so the check cannot pass by not seeing issues);
//   5. the GreenFlux Trigger: its notice, its trigger panel texts, its four test and production URLs,
//      and a test push received while it listens;
//   6. a new workflow: add "Get many CDRs" from the node panel, switch Simplify on, execute the step,
//      read the output (rows of the sandbox's CDRs) and the node's subtitle.
// A screenshot of each step is written to <run output>/editor/ (.test-output/e2e/<run>/editor).
import path from 'node:path';

import { CREDENTIALS, loadDemoWorkflows } from '../../../scripts/lib/greenflux-demo.mjs';
import { openEditor, sleep } from '../lib/browser.mjs';
import { expectedPanelEntries, operationSubtitles } from '../lib/node-panel.mjs';

const sorted = (list) => [...list].sort();
const STICKY_NOTE = 'n8n-nodes-base.stickyNote';
/** Each sticky note's heading as the canvas shows it (its first line, without the `##`). */
const stickyHeadings = (workflow) =>
	workflow.nodes
		.filter((n) => n.type === STICKY_NOTE)
		.map((n) =>
			n.parameters.content
				.split('\n')[0]
				.replace(/^#+\s*/, '')
				.trim(),
		);
const slug = (text) =>
	text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

function manualTriggerWorkflow(name) {
	return {
		name,
		nodes: [
			{
				parameters: {},
				id: 'e2e08000-0000-4000-8000-000000000001',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

export async function run(ctx) {
	const { check, equal, log } = ctx;
	const screenshotDir = path.join(ctx.outputDir, 'editor');
	const editor = await openEditor({ url: ctx.n8n.url, screenshotDir, log });
	try {
		await steps();
		check(editor.pageErrors.length === 0, 'the editor page threw no uncaught error', () =>
			editor.pageErrors.join('; '),
		);
	} catch (error) {
		await editor.screenshot('failure').catch(() => {});
		throw error;
	} finally {
		log(`${editor.screenshots.length} screenshots in ${screenshotDir}`);
		await editor.close();
	}

	async function steps() {
		// 1. Sign in.
		await editor.signIn(ctx.n8n.email, ctx.n8n.password);
		await editor.screenshot('signed-in');

		// 2. The node panel offers every action and trigger the package defines.
		const expected = expectedPanelEntries(ctx.nodeTypes, ctx.packageName);
		check(expected.length > 0, 'the package has node panel entries');
		const panelWorkflow = await ctx.importWorkflow(
			manualTriggerWorkflow('My first GreenFlux flow'),
		);
		await editor.openWorkflow(panelWorkflow);
		const listed = await editor.searchNodePanel('GreenFlux');
		await editor.screenshot('node-panel-search');
		for (const entry of expected)
			check(
				listed.includes(entry.displayName),
				`the node panel lists "${entry.displayName}" when searching "GreenFlux"`,
				() => `listed: ${listed.join(', ')}`,
			);
		let totalActions = 0;
		let totalTriggers = 0;
		for (const entry of expected) {
			if (entry.actions.length + entry.triggers.length === 0) {
				log(`node panel "${entry.displayName}": one action, added directly (no action list)`);
				continue;
			}
			const seen = await editor.readPanelEntry(entry.displayName);
			await editor.screenshot(`node-panel-${slug(entry.displayName)}`);
			if (seen.sections.length > 0)
				equal(
					[seen.actions, seen.triggers],
					[entry.actions.length, entry.triggers.length],
					`node panel "${entry.displayName}": section counts Actions/Triggers equal the package's operations/events`,
				);
			const missing = entry.actions
				.concat(entry.triggers)
				.filter((name) => !seen.items.includes(name));
			const extra = seen.items.filter(
				(name) => !entry.actions.includes(name) && !entry.triggers.includes(name),
			);
			check(
				missing.length === 0 && extra.length === 0,
				`node panel "${entry.displayName}" lists exactly the package's actions and triggers`,
				() => `missing: ${missing.join(', ') || '-'}; not defined: ${extra.join(', ') || '-'}`,
			);
			equal(
				sorted(seen.items),
				sorted([...entry.actions, ...entry.triggers]),
				`node panel "${entry.displayName}": every action and trigger once`,
			);
			totalActions += entry.actions.length;
			totalTriggers += entry.triggers.length;
			log(
				`node panel "${entry.displayName}": ${seen.sections.length > 0 ? `${seen.actions} actions, ${seen.triggers} triggers` : `${seen.items.length} entries`} listed (package: ${entry.actions.length} operations, ${entry.triggers.length} trigger events)`,
			);
			await editor.panelBack();
		}
		await editor.closePanel();
		log(
			`node panel total: ${totalActions} actions and ${totalTriggers} triggers in ${expected.length} entries, as the package defines`,
		);

		// 3. Canvas subtitles show the operation's action text, for every operation.
		const subtitles = operationSubtitles(ctx.nodeTypes, ctx.packageName);
		const wrong = subtitles.filter((row) => row.subtitle !== row.action);
		check(subtitles.length > 0, 'the package has operations with subtitles');
		check(
			wrong.length === 0,
			`every operation's subtitle is its action text (${subtitles.length} operations)`,
			() =>
				wrong
					.slice(0, 10)
					.map((r) => `${r.node} ${r.resource}:${r.operation} → "${r.subtitle}"`)
					.join('; '),
		);

		// 4. The demo workflows open without issues; a broken copy shows one.
		const templates = await loadDemoWorkflows();
		for (const { file, workflow } of templates) {
			const id = await ctx.importWorkflow(workflow);
			await editor.openWorkflow(id);
			await editor.screenshot(`demo-${slug(file.replace(/\.json$/, ''))}`);
			const nodes = await editor.canvasNodes();
			equal(
				nodes.map((n) => n.name).sort(),
				workflow.nodes
					.filter((n) => n.type !== STICKY_NOTE)
					.map((n) => n.name)
					.sort(),
				`${file}: every node is on the canvas`,
			);
			const flagged = nodes.filter((n) => n.hasIssues || n.notInstalled);
			const tooltips = [];
			for (const node of flagged)
				tooltips.push(`${node.name}: ${await editor.issueTooltip(node.name)}`);
			check(
				flagged.length === 0,
				`${file}: no node shows an issue in the editor`,
				() =>
					`${tooltips.join('; ')}${editor.failedRequests.length ? ` (failed requests: ${editor.failedRequests.join(', ')})` : ''}`,
			);
			// Action nodes of the package: the canvas shows the operation's action text.
			const actionNodes = nodes.filter((n) => subtitles.some((r) => r.type === n.type));
			for (const node of actionNodes) {
				const parameters = workflow.nodes.find((n) => n.name === node.name).parameters;
				const row = subtitles.find(
					(r) =>
						r.type === node.type &&
						r.resource === parameters.resource &&
						r.operation === parameters.operation,
				);
				equal(node.subtitle, row?.action, `${file} › ${node.name}: subtitle on the canvas`);
			}
			// The package's triggers: the canvas names the chosen events as the Event(s) list does.
			const triggerNodes = nodes.filter(
				(n) => n.type.startsWith(`${ctx.packageName}.`) && n.type.endsWith('Trigger'),
			);
			for (const node of triggerNodes) {
				const type = ctx.nodeTypes.find((t) => t.name === node.type);
				const property = type.properties.find((p) => ['event', 'events'].includes(p.name));
				const chosen = [
					workflow.nodes.find((n) => n.name === node.name).parameters[property.name] ??
						property.default,
				].flat();
				const names = chosen.map((v) => property.options.find((o) => o.value === v)?.name ?? v);
				equal(
					node.subtitle,
					property.name === 'events' && chosen.length === property.options.length
						? 'All events'
						: names.join(', '),
					`${file} › ${node.name}: the chosen events on the canvas`,
				);
			}
			const notes = await editor.stickyOverflow(stickyHeadings(workflow));
			for (const note of notes)
				check(
					note.found && note.hiddenPx <= 1,
					`${file}: the note "${note.heading}" shows all its text`,
					() => (note.found ? `${note.hiddenPx} px cut off` : 'note not found on the canvas'),
				);
			log(
				`${file}: ${nodes.length} nodes, no issues; subtitles ${[...actionNodes, ...triggerNodes].map((n) => `"${n.subtitle}"`).join(', ') || '-'}`,
			);
		}
		const exportTemplate = templates.find((t) => t.file === 'monthly-cdr-export.json').workflow;
		const cramped = structuredClone(exportTemplate);
		cramped.name = 'e2e: note too small (the check must see it)';
		cramped.nodes.find((n) => n.type === STICKY_NOTE).parameters.height = 160;
		await editor.openWorkflow(await ctx.importWorkflow(cramped));
		const [crampedNote] = await editor.stickyOverflow(stickyHeadings(cramped));
		check(
			crampedNote.found && crampedNote.hiddenPx > 100,
			'control: a note 160 px high shows its text cut off',
			() => JSON.stringify(crampedNote),
		);
		const broken = structuredClone(exportTemplate);
		broken.name = 'e2e: broken copy (the check must see its issue)';
		const cdrNode = broken.nodes.find((n) => n.type === `${ctx.packageName}.greenFlux`);
		Object.assign(cdrNode.parameters, { resource: 'chargeStation', operation: 'get' });
		delete cdrNode.parameters.chargeStationId;
		await editor.openWorkflow(await ctx.importWorkflow(broken));
		const brokenNode = (await editor.canvasNodes()).find((n) => n.name === cdrNode.name);
		const brokenTooltip = await editor.issueTooltip(cdrNode.name);
		await editor.screenshot('control-node-with-issue');
		check(
			brokenNode?.hasIssues === true && /Parameter ".+" is required/.test(brokenTooltip),
			'control: a node with a missing required parameter shows an issue on the canvas',
			() => JSON.stringify({ brokenNode, brokenTooltip }),
		);
		log(
			`control: "${cdrNode.name}" without its charge station shows: ${brokenTooltip || '(issue icon)'}`,
		);

		// 5. The GreenFlux Trigger: notice, trigger panel, URLs, a test push.
		const triggerType = ctx.nodeTypes.find((t) => t.name === `${ctx.packageName}.greenFluxTrigger`);
		const notice = triggerType.properties.find((p) => p.type === 'notice').displayName;
		const triggerFixture = await ctx.fixtureWorkflow('trigger-all-events.json');
		triggerFixture.name = 'e2e: editor check, GreenFlux Trigger';
		const webhookId = 'e2e08b11-5e55-4000-8000-0000000000b1';
		triggerFixture.nodes[0].webhookId = webhookId;
		const triggerName = triggerFixture.nodes[0].name;
		await editor.openWorkflow(await ctx.importWorkflow(triggerFixture));
		await editor.openNode(triggerName);
		let text = await editor.ndvText();
		check(text.includes(notice), 'the trigger shows its notice', () => text.slice(0, 600));
		check(
			!/Listen for test event|listed above/.test(notice),
			'the notice names no button or section that does not exist',
		);
		check(
			text.includes(triggerType.triggerPanel.header),
			`the trigger panel shows "${triggerType.triggerPanel.header}"`,
		);
		check(text.includes('Execute step'), 'the button is called "Execute step"');
		await editor.clickText('Webhook URLs');
		await sleep(600);
		const modules = ['cdrs', 'sessions', 'locations', 'notifications'];
		const urlsShown = async () =>
			[
				...(await editor.ndvText()).matchAll(
					/https?:\/\/\S+?\/(?:cdrs|sessions|locations|notifications)\b/g,
				),
			].map((m) => m[0]);
		const testUrls = await urlsShown();
		equal(
			testUrls,
			modules.map((m) => `${ctx.n8n.url}/webhook-test/${webhookId}/${m}`),
			'the Webhook URLs panel shows the four test URLs',
		);
		await editor.screenshot('trigger-test-urls');
		await editor.page.click('[data-test-id=radio-button-production]');
		await sleep(500);
		const productionUrls = await urlsShown();
		equal(
			productionUrls,
			modules.map((m) => ctx.webhookUrl(`${webhookId}/${m}`)),
			'the Webhook URLs panel shows the four production URLs',
		);
		await editor.screenshot('trigger-production-urls');
		await editor.clickText('When will this node trigger my flow?');
		await sleep(600);
		text = await editor.ndvText();
		check(
			text.includes('npx tsx test/sandbox/push/cli.ts'),
			'the trigger help says how to send a test push (the sandbox push emitter)',
		);
		await editor.screenshot('trigger-help');
		await editor.page.click('[data-test-id=trigger-execute-button]');
		await editor.page.waitForFunction(() =>
			document.querySelector('[data-test-id=ndv]')?.innerText.includes('Listening'),
		);
		await editor.screenshot('trigger-listening');
		// The test webhook is registered a moment after the editor shows "Listening": retry on 404.
		let pushed;
		for (let attempt = 0; attempt < 40; attempt++) {
			pushed = await fetch(`${ctx.n8n.url}/webhook-test/${webhookId}/notifications`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json', authorization: `Token ${ctx.pushToken}` },
				body: JSON.stringify({
					charge_station_notification_id: 'e2e-editor-1',
					charge_station_id: 'GFX-CS-0001',
					level: 'Error',
					message_action: 'StatusNotification',
					created: new Date().toISOString(),
					charge_station_message_payload: '{"errorCode":"GroundFailure"}',
				}),
			});
			await pushed.arrayBuffer();
			if (pushed.status !== 404) break;
			await sleep(250);
		}
		equal(pushed.status, 200, 'a test push to the listening trigger is accepted');
		await editor.page.waitForFunction(() =>
			/notification\.received/.test(document.querySelector('[data-test-id=ndv]')?.innerText ?? ''),
		);
		await sleep(500);
		await editor.screenshot('trigger-test-push-received');
		await editor.closeNode();
		log(
			`trigger: notice, panel "${triggerType.triggerPanel.header}", 4 test and 4 production URLs, test push shown`,
		);

		// 6. A first flow: add "Get many CDRs" from the node panel, Simplify on, execute the step.
		await editor.goto('/workflow/new');
		await editor.page.waitForSelector('[data-test-id=canvas-add-button]');
		await editor.searchNodePanel('GreenFlux');
		await editor.readPanelEntry('GreenFlux');
		const cdrAction = 'Get many CDRs';
		await editor.clickText(cdrAction, { root: '//*[@data-test-id="node-creator"]' });
		await editor.page.waitForSelector('[data-test-id=ndv]');
		await sleep(1000);
		const credential = await editor.page.$eval(
			'[data-test-id=node-credentials-select] input',
			(input) => input.value,
		);
		equal(
			credential,
			CREDENTIALS.platform.name,
			'the new node picked the only GreenFlux Platform API credential',
		);
		await editor.page.click(
			'[data-test-id=parameter-input-simplify] .el-switch, [data-test-id=parameter-input-simplify]',
		);
		await sleep(300);
		await editor.screenshot('cdr-node-parameters');
		await editor.page.click('[data-test-id=node-execute-button]');
		await editor.page.waitForFunction(
			() =>
				/\b\d+ items?\b/.test(
					document.querySelector('[data-test-id=ndv-output-panel], [data-test-id=output-panel]')
						?.innerText ?? '',
				),
			{ timeout: 60_000 },
		);
		await sleep(800);
		const output = await editor.ndvText('[data-test-id=output-panel]');
		const items = Number(/\b(\d+) items?\b/.exec(output)?.[1]);
		equal(items, 50, 'the CDR step returns 50 items (Limit 50)');
		for (const column of ['id', 'start_date_time', 'energy_kwh', 'retail_cost_incl_vat'])
			check(output.includes(column), `the simplified output shows the column "${column}"`);
		const sandboxIds = new Set((await ctx.sandbox.control('/__sandbox/cdrs')).map((c) => c.id));
		const shownIds = [...output.matchAll(/\bNLGFX\d+\b/g)].map((m) => m[0]);
		check(
			shownIds.length > 0 && shownIds.every((id) => sandboxIds.has(id)),
			`the output table shows the sandbox's CDRs (${shownIds.length} ids on the first page)`,
			() => shownIds.filter((id) => !sandboxIds.has(id)).join(', '),
		);
		ctx.compared(shownIds.length);
		await editor.screenshot('cdr-node-output');
		await editor.closeNode();
		const added = (await editor.canvasNodes()).find(
			(n) => n.type === `${ctx.packageName}.greenFlux`,
		);
		equal(added?.subtitle, cdrAction, "the new node's subtitle on the canvas");
		check(!added?.hasIssues, 'the new node shows no issue');
		await editor.screenshot('first-flow-canvas');
		log(`first flow: "${cdrAction}" added from the node panel, Simplify on, ${items} CDR rows`);
	}
}
