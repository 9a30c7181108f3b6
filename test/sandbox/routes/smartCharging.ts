import type { Router } from '../http';
import type { SandboxState } from '../state';
import { registerSmartChargingGroupRoutes } from './smartChargingGroups';
import { registerSmartChargingReportingRoutes } from './smartChargingReporting';
import { registerSmartChargingSettingsRoutes } from './smartChargingSettings';

/** Every Smart Charging route: capacity groups, EVSEs and priority; algorithm and meter settings and scenarios; reporting. */
export function registerSmartChargingRoutes(router: Router, state: SandboxState): void {
	registerSmartChargingGroupRoutes(router, state);
	registerSmartChargingSettingsRoutes(router, state);
	registerSmartChargingReportingRoutes(router, state);
}
