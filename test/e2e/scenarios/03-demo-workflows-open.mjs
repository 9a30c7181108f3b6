// The demo workflows in workflows/ are usable templates: every node type and version exists in this n8n,
// the editor would show no issue (parameters, credentials), credentials are referenced by name only, and
// nothing points at the sandbox.
import { DEMO_WORKFLOWS, loadDemoWorkflows } from '../../../scripts/lib/greenflux-demo.mjs';

const STICKY = 'n8n-nodes-base.stickyNote';
/** The canvas draws a node as a 100 × 100 square (wider for none of these templates' nodes). */
const NODE_SIZE = 100;

function overlaps(sticky, node) {
	const [sx, sy] = sticky.position;
	const [nx, ny] = node.position;
	const { width, height } = sticky.parameters;
	return nx < sx + width && nx + NODE_SIZE > sx && ny < sy + height && ny + NODE_SIZE > sy;
}

export async function run(ctx) {
	const { check, equal, log } = ctx;
	const templates = await loadDemoWorkflows();
	equal(
		templates.map((t) => t.file).sort(),
		Object.keys(DEMO_WORKFLOWS).sort(),
		'workflows/ holds the three demo workflows',
	);
	for (const { file, workflow } of templates) {
		const problems = ctx.editorProblems(workflow);
		check(problems.length === 0, `${file} opens without editor issues`, () => problems.join('; '));
		check(typeof workflow.name === 'string' && workflow.name.length > 0, `${file} has a name`);
		check(workflow.id === undefined, `${file} carries no workflow id`);
		for (const node of workflow.nodes) {
			for (const [type, reference] of Object.entries(node.credentials ?? {})) {
				check(
					reference.id === null && typeof reference.name === 'string',
					`${file} › ${node.name}: ${type} referenced by name only`,
					() => JSON.stringify(reference),
				);
			}
		}
		const text = JSON.stringify(workflow);
		check(
			!/127\.0\.0\.1|localhost|gfx-sandbox-|__sandbox/.test(text),
			`${file} has no sandbox URL or key`,
		);
		for (const sticky of workflow.nodes.filter((n) => n.type === STICKY)) {
			const covered = workflow.nodes.filter((n) => n.type !== STICKY && overlaps(sticky, n));
			check(covered.length === 0, `${file} › ${sticky.name}: the note covers no node`, () =>
				covered.map((n) => `${n.name} at ${n.position}`).join(', '),
			);
		}
		const types = [...new Set(workflow.nodes.map((n) => `${n.type}@${n.typeVersion}`))];
		log(`${file}: "${workflow.name}", ${workflow.nodes.length} nodes (${types.join(', ')})`);
	}
}
