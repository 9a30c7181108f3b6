// The `ctx` every end-to-end scenario gets (test/e2e/scenarios/*.mjs export `async function run(ctx)`):
// a running n8n with this package installed, a GreenFlux sandbox, and helpers to import, publish and run
// workflows and to compare what they produced with the sandbox's data. See test/e2e/README.md.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import {
	DEMO_PUSH_TOKEN,
	PACKAGE_NAME,
	REPO_ROOT,
	sleep,
	WORKFLOWS_DIR,
} from '../../../scripts/lib/greenflux-demo.mjs';
import { editorIssues } from './editor-check.mjs';

/** Fields n8n's public API accepts when creating a workflow (it rejects any other top-level field). */
const WORKFLOW_FIELDS = ['name', 'nodes', 'connections', 'settings', 'staticData'];
const SETTINGS_FIELDS = [
	'saveExecutionProgress',
	'saveManualExecutions',
	'saveDataErrorExecution',
	'saveDataSuccessExecution',
	'executionTimeout',
	'errorWorkflow',
	'timezone',
	'executionOrder',
	'callerPolicy',
	'callerIds',
	'timeSavedPerExecution',
	'availableInMCP',
];

/**
 * @param {object} options
 * @param {{ url: string, apiKey: string, cookie: string, email: string, password: string, userFolder: string, cli: (args: string[]) => Promise<{code: number|null, signal: string|null, stdout: string, stderr: string}> }} options.n8n
 * @param {{ url: string, logFile: string }} options.sandbox
 * @param {string} options.exportFolder folder n8n may write files to (N8N_RESTRICT_FILE_ACCESS_TO)
 * @param {string} options.tmpDir scratch folder of this run
 * @param {string} options.outputDir folder kept after the run (screenshots), under .test-output/e2e/
 * @param {Array<{id: string, name: string, type: string}>} options.credentials credentials imported into n8n
 * @param {object[]} options.nodeTypes what GET /types/nodes.json returned
 * @param {{ user: string, password: string }} options.formLogin the Basic Auth login of the demo form (credential "GreenFlux remote form login")
 */
export function createContext({
	n8n,
	sandbox,
	exportFolder,
	tmpDir,
	outputDir,
	credentials,
	nodeTypes,
	formLogin,
	log = console.log,
}) {
	const stats = { checks: 0, workflowsRun: 0, itemsCompared: 0, workflowsImported: 0 };

	/** Public API (X-N8N-API-KEY). */
	async function api(method, route, body) {
		const response = await fetch(`${n8n.url}/api/v1${route}`, {
			method,
			headers: {
				'X-N8N-API-KEY': n8n.apiKey,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} /api/v1${route}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	}

	/** Internal REST API the editor uses (session cookie of the owner); returns `data`. */
	async function rest(method, route, body) {
		const response = await fetch(`${n8n.url}/rest${route}`, {
			method,
			headers: {
				cookie: n8n.cookie,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} /rest${route}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text).data : undefined;
	}

	/** Sandbox control API (GET without body, POST with). */
	async function sandboxControl(route, body) {
		const response = await fetch(`${sandbox.url}${route}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`sandbox ${route}: HTTP ${response.status} ${text.slice(0, 300)}`);
		return JSON.parse(text);
	}

	/** Creates the workflow through the public API (credentials referenced by name are resolved); returns its id. */
	async function importWorkflow(workflow) {
		const body = Object.fromEntries(
			Object.entries(workflow).filter(([key]) => WORKFLOW_FIELDS.includes(key)),
		);
		body.settings = Object.fromEntries(
			Object.entries(workflow.settings ?? {}).filter(([key]) => SETTINGS_FIELDS.includes(key)),
		);
		const created = await api('POST', '/workflows', body);
		stats.workflowsImported++;
		for (const node of created.nodes) {
			for (const [type, reference] of Object.entries(node.credentials ?? {})) {
				if (!reference?.id)
					throw new Error(
						`workflow "${workflow.name}", node "${node.name}": credential ${type} "${reference?.name}" was not resolved by name`,
					);
			}
		}
		return created.id;
	}

	/** Publishes (activates) a workflow: its production webhooks and forms go live. */
	async function publish(workflowId) {
		return await api('POST', `/workflows/${workflowId}/publish`, {});
	}

	async function unpublish(workflowId) {
		return await api('POST', `/workflows/${workflowId}/unpublish`, {});
	}

	/**
	 * What the editor shows of a publication once n8n has worked it off (n8n 2.41 activates published
	 * workflows in the background): `{ status: 'published' | 'partial' | 'failed' | 'not_published', triggers }`.
	 * A publication n8n failed leaves `not_published` or `failed`; the caller decides what to do.
	 */
	async function publicationStatus(workflowId, { timeoutMs = 60_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await rest('GET', `/workflows/${workflowId}/publication-status`);
			if (status.status !== 'in_progress' || Date.now() > deadline) return status;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** Executions of a workflow, newest first (public API). */
	async function executions(workflowId, { includeData = false, status, limit = 20 } = {}) {
		const query = new URLSearchParams({
			workflowId,
			includeData: String(includeData),
			limit: String(limit),
		});
		if (status) query.set('status', status);
		return (await api('GET', `/executions?${query}`)).data;
	}

	async function execution(executionId) {
		return await api('GET', `/executions/${executionId}?includeData=true`);
	}

	/** Polls until the execution has finished (any status but new/running/waiting); returns it with data. */
	async function waitForExecution(executionId, { timeoutMs = 120_000, allowWaiting = false } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = await api('GET', `/executions/${executionId}?includeData=true`).catch(
				(error) => {
					if (/HTTP 404/.test(error.message)) return undefined;
					throw error;
				},
			);
			if (
				found &&
				(found.finished ||
					!['new', 'running', ...(allowWaiting ? [] : ['waiting'])].includes(found.status))
			)
				return found;
			if (Date.now() > deadline)
				throw new Error(
					`execution ${executionId} not finished after ${timeoutMs / 1000}s (status ${found?.status})`,
				);
			await sleep(300);
		}
	}

	/** Waits for the first execution of a workflow newer than `afterId` (e.g. one a webhook or form started). */
	async function waitForNewExecution(workflowId, afterId = 0, { timeoutMs = 60_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const [latest] = await executions(workflowId, { limit: 1 });
			if (latest && Number(latest.id) > Number(afterId))
				return await waitForExecution(latest.id, {
					timeoutMs: Math.max(1000, deadline - Date.now()),
				});
			if (Date.now() > deadline)
				throw new Error(`no new execution of workflow ${workflowId} within ${timeoutMs / 1000}s`);
			await sleep(300);
		}
	}

	/**
	 * Runs a workflow the way the editor's "Execute workflow" button does (POST /rest/workflows/:id/run
	 * from the given trigger) and waits for the result. Fails unless the execution succeeded (unless allowError).
	 */
	async function runManually(workflowId, { trigger, allowError = false, timeoutMs } = {}) {
		const workflow = await api('GET', `/workflows/${workflowId}`);
		const start =
			trigger ?? workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name;
		if (!start) throw new Error(`workflow ${workflowId} has no Manual Trigger: give { trigger }`);
		const started = await rest('POST', `/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: start },
		});
		if (!started?.executionId)
			throw new Error(`POST /rest/workflows/${workflowId}/run returned ${JSON.stringify(started)}`);
		const result = await waitForExecution(started.executionId, { timeoutMs });
		stats.workflowsRun++;
		if (!allowError) assertSucceeded(result);
		return result;
	}

	/** Runs a workflow with `n8n execute --id` (a separate n8n process on the same database) and returns the stored execution. */
	async function runWithCli(workflowId, { allowError = false } = {}) {
		const [before] = await executions(workflowId, { limit: 1 });
		const result = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const [latest] = await executions(workflowId, { limit: 1 });
		if (!latest || latest.id === before?.id) {
			throw new Error(
				`n8n execute --id=${workflowId} stored no execution (exit ${result.code ?? result.signal}):\n${(result.stdout + result.stderr).slice(-3000)}`,
			);
		}
		const stored = await waitForExecution(latest.id);
		stats.workflowsRun++;
		if (!allowError) assertSucceeded(stored);
		return stored;
	}

	function assertSucceeded(result) {
		const error = result.data?.resultData?.error;
		check(
			result.status === 'success',
			`execution ${result.id} of workflow ${result.workflowId} succeeded`,
			() =>
				`status ${result.status}${error ? `: ${error.message}${error.description ? ` (${error.description})` : ''} in node "${error.node?.name ?? '?'}"` : ''}`,
		);
	}

	/** Output items (json) of a node in an execution (its last run, first output unless given). */
	function nodeOutput(result, nodeName, { output = 0, run } = {}) {
		const runs = result.data?.resultData?.runData?.[nodeName];
		if (!runs?.length) return undefined;
		const chosen = runs[run ?? runs.length - 1];
		if (chosen.error) throw new Error(`node "${nodeName}" failed: ${chosen.error.message}`);
		return (chosen.data?.main?.[output] ?? []).map((item) => item.json);
	}

	/** Names of the nodes that ran in an execution. */
	function nodesRun(result) {
		return Object.keys(result.data?.resultData?.runData ?? {});
	}

	// ---- checks ----

	/** Records one check; throws an AssertionError with `detail()` when it fails. */
	function check(condition, description, detail) {
		stats.checks++;
		if (!condition) {
			const more = typeof detail === 'function' ? detail() : detail;
			throw new assert.AssertionError({ message: `${description}${more ? `: ${more}` : ''}` });
		}
	}

	function equal(actual, expected, description) {
		stats.checks++;
		assert.deepStrictEqual(actual, expected, description);
	}

	/** Compares two lists item by item (counts the items compared). */
	function sameItems(actual, expected, description) {
		stats.checks++;
		stats.itemsCompared += expected.length;
		assert.equal(
			actual.length,
			expected.length,
			`${description}: ${actual.length} items, expected ${expected.length}`,
		);
		for (let i = 0; i < expected.length; i++)
			assert.deepStrictEqual(actual[i], expected[i], `${description}: item ${i} differs`);
	}

	/** Adds compared items to the statistics (for comparisons done with check()/equal()). */
	function compared(count) {
		stats.itemsCompared += count;
	}

	/** Problems the editor would show for a workflow (see editor-check.mjs). */
	function editorProblems(workflow) {
		return editorIssues(workflow, nodeTypes, credentials);
	}

	/** Reads a template from workflows/ (parsed JSON). */
	async function demoWorkflow(file) {
		return JSON.parse(await readFile(path.join(WORKFLOWS_DIR, file), 'utf8'));
	}

	/** Reads a fixture from test/e2e/workflows/ (parsed JSON). */
	async function fixtureWorkflow(file) {
		return JSON.parse(
			await readFile(path.join(REPO_ROOT, 'test', 'e2e', 'workflows', file), 'utf8'),
		);
	}

	return {
		packageName: PACKAGE_NAME,
		n8n,
		/** Production webhook URL of a published workflow: `${n8n.url}/webhook/<path>` (path without leading slash). */
		webhookUrl: (webhookPath) => `${n8n.url}/webhook/${webhookPath.replace(/^\/+/, '')}`,
		/** Token of the imported "GreenFlux Push API account" credential (what GreenFlux would send as "Authorization: Token …"). */
		pushToken: DEMO_PUSH_TOKEN,
		sandbox: { ...sandbox, control: sandboxControl },
		exportFolder,
		tmpDir,
		outputDir,
		credentials,
		nodeTypes,
		formLogin,
		api,
		rest,
		importWorkflow,
		publish,
		unpublish,
		publicationStatus,
		executions,
		execution,
		waitForExecution,
		waitForNewExecution,
		runManually,
		runWithCli,
		nodeOutput,
		nodesRun,
		editorProblems,
		demoWorkflow,
		fixtureWorkflow,
		check,
		equal,
		sameItems,
		compared,
		log,
		stats,
	};
}
