import type { Router } from '../http';
import type { SandboxState } from '../state';
import { registerCdrRoutes } from './cdrs';
import { registerChargeAssistRoutes } from './chargeAssist';
import { registerLocationV1Routes } from './locationsV1';

/** Every GreenFlux route the sandbox serves; one file per GreenFlux module. */
export function registerRoutes(router: Router, state: SandboxState): void {
	registerCdrRoutes(router, state);
	registerLocationV1Routes(router, state);
	registerChargeAssistRoutes(router);
}
