import type { Router } from '../http';
import type { SandboxState } from '../state';
import { registerChargeAssistApi } from '../chargeAssist/routes';

/** Charge Assist routes: the whole API lives in test/sandbox/chargeAssist/. */
export function registerChargeAssistRoutes(router: Router, state: SandboxState): void {
	registerChargeAssistApi(router, state);
}
