import type { Router } from '../../http';
import type { SandboxState } from '../../state';
import { caStore } from '../store';
import { registerAppTokenRoutes } from './appTokens';
import { registerFailedPaymentRoutes } from './failedPayments';
import { registerFavoriteRoutes } from './favorites';
import { registerLocationRoutes } from './locations';
import { registerPaymentRoutes } from './payments';
import { registerQrRoutes } from './qr';
import { registerRatingRoutes } from './ratings';
import { registerServiceStatusRoutes } from './serviceStatus';
import { registerSessionRoutes } from './sessions';
import { registerTariffRoutes } from './tariffRoutes';
import { registerVidRoutes } from './vid';

const registered = new WeakSet<Router>();

/** Every Charge Assist operation (65), once per router. */
export function registerChargeAssistApi(router: Router, state: SandboxState): void {
	if (registered.has(router)) return;
	registered.add(router);
	const store = caStore(state);
	registerServiceStatusRoutes(router, store);
	registerAppTokenRoutes(router, store, state);
	registerLocationRoutes(router, store);
	registerFavoriteRoutes(router, store);
	registerPaymentRoutes(router, store, state);
	registerFailedPaymentRoutes(router, store);
	registerSessionRoutes(router, store, state);
	registerRatingRoutes(router, store);
	registerTariffRoutes(router, store);
	registerQrRoutes(router, store);
	registerVidRoutes(router, store);
}
