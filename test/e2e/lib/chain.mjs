// A linear test workflow: a Manual Trigger, then the given nodes one after the other (each runs once per
// item of the node before it). Credentials are referenced by name, as the demo workflows do.
import { CREDENTIALS, PACKAGE_NAME } from '../../../scripts/lib/greenflux-demo.mjs';

/** Which credential each GreenFlux node type uses. */
const CREDENTIAL_OF = {
	greenFlux: CREDENTIALS.platform,
	greenFluxEmsp: CREDENTIALS.platform,
	greenFluxSmartCharging: CREDENTIALS.platform,
	greenFluxChargeAssist: CREDENTIALS.chargeAssist,
};

/**
 * @param {string} name workflow name
 * @param {Array<{ name: string, node: keyof typeof CREDENTIAL_OF, parameters: object }>} steps
 */
export function chainWorkflow(name, steps) {
	const id = (i) => `e2ec0000-0000-4000-8000-${String(i).padStart(12, '0')}`;
	const nodes = [
		{
			parameters: {},
			id: id(0),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 300],
		},
		...steps.map((step, i) => {
			const credential = CREDENTIAL_OF[step.node];
			return {
				parameters: step.parameters,
				id: id(i + 1),
				name: step.name,
				type: `${PACKAGE_NAME}.${step.node}`,
				typeVersion: 1,
				position: [260 * (i + 1), 300],
				credentials: { [credential.type]: { id: null, name: credential.name } },
			};
		}),
	];
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}
