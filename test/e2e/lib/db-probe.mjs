// Reads n8n's SQLite database while n8n runs, with node:sqlite of the runtime's Node 24 (the e2e runner
// may run on Node 20, which has no SQLite): one child process, read-only, queries sent as JSON lines.
// Used to see whether n8n had stored an execution at the moment it answered a push.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const PROBE = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { readOnly: true });
db.exec('PRAGMA busy_timeout = 5000');
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
	const { id, sql, params } = JSON.parse(line);
	let answer;
	try { answer = { id, rows: db.prepare(sql).all(...(params ?? [])) }; }
	catch (error) { answer = { id, error: error.message }; }
	process.stdout.write(JSON.stringify(answer) + '\\n');
});`;

/** { query(sql, params) → rows, executionsWith(text, workflowId) → [{ id, status }], close() } */
export function openDatabaseProbe(nodeBin, databaseFile) {
	const child = spawn(nodeBin, ['--no-warnings', '-e', PROBE, databaseFile], {
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
	const pending = new Map();
	let next = 0;
	createInterface({ input: child.stdout }).on('line', (line) => {
		const answer = JSON.parse(line);
		const waiting = pending.get(answer.id);
		pending.delete(answer.id);
		if (answer.error) waiting?.reject(new Error(`SQLite probe: ${answer.error}`));
		else waiting?.resolve(answer.rows);
	});
	child.on('exit', (code) => {
		for (const waiting of pending.values())
			waiting.reject(new Error(`SQLite probe exited (${code}): ${stderr}`));
		pending.clear();
	});
	const query = (sql, params = []) =>
		new Promise((resolve, reject) => {
			const id = next++;
			pending.set(id, { resolve, reject });
			child.stdin.write(`${JSON.stringify({ id, sql, params })}\n`);
		});
	return {
		query,
		/** The executions of a workflow whose stored data contains every one of `texts` (e.g. a pushed object's ids). */
		executionsWith: (texts, workflowId) => {
			const all = [texts].flat();
			return query(
				`SELECT e.id, e.status FROM execution_entity e JOIN execution_data d ON d.executionId = e.id
				 WHERE e.workflowId = ? ${all.map(() => 'AND d.data LIKE ?').join(' ')}`,
				[String(workflowId), ...all.map((text) => `%${text}%`)],
			);
		},
		/** Executions of a workflow per status (only those with an id above afterId, when given). */
		statuses: async (workflowId, { afterId = 0 } = {}) =>
			Object.fromEntries(
				(
					await query(
						'SELECT status, count(*) AS n FROM execution_entity WHERE workflowId = ? AND CAST(id AS INTEGER) > ? GROUP BY status',
						[String(workflowId), afterId],
					)
				).map((row) => [row.status, row.n]),
			),
		close: () => child.stdin.end(),
	};
}
