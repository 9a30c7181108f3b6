import type { Router } from '../http';
import type { SandboxState } from '../state';
import { registerCdrRoutes } from './cdrs';
import { registerChargeAssistRoutes } from './chargeAssist';
import { registerLocationV1Routes } from './locationsV1';
import { registerNotificationRoutes } from './notifications';
import { registerMeterValueRoutes } from './meterValues';
import { registerSessionRoutes } from './sessions';
import { registerTokenRoutes } from './tokens';
import { registerChargeStationRoutes } from './chargeStations';
import { registerLocationV2Routes } from './locationsV2';
import { registerCpoCustomerRoutes } from './cpoCustomers';
import { registerConfigurationRoutes } from './configurations';
import { registerRemoteCommandRoutes } from './remoteCommands';
import { registerCrmRoutes } from './crm';
import { registerCouponRoutes } from './coupons';
import { registerStripeConnectRoutes } from './stripeConnect';
import { registerSmartChargingRoutes } from './smartCharging';

/** Every GreenFlux route the sandbox serves; one file per GreenFlux module. */
export function registerRoutes(router: Router, state: SandboxState): void {
	registerCdrRoutes(router, state);
	registerLocationV1Routes(router, state);
	registerNotificationRoutes(router, state);
	registerMeterValueRoutes(router, state);
	registerSessionRoutes(router, state);
	registerTokenRoutes(router, state);
	registerChargeStationRoutes(router, state);
	registerLocationV2Routes(router, state);
	registerCpoCustomerRoutes(router, state);
	registerConfigurationRoutes(router, state);
	registerRemoteCommandRoutes(router, state);
	registerCrmRoutes(router, state);
	registerCouponRoutes(router, state);
	registerStripeConnectRoutes(router, state);
	registerSmartChargingRoutes(router, state);
	registerChargeAssistRoutes(router, state);
}
