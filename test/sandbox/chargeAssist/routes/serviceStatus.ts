import { type Router, sendJson } from '../../http';
import { CaError } from '../errors';
import { caRoute, STYLES } from '../routing';
import type { CaStore } from '../store';

/** GET /servicestatus: 200, or 503 (plain string) once set by POST /__sandbox/chargeassist/servicestatus. */
export function registerServiceStatusRoutes(router: Router, store: CaStore): void {
	caRoute(router, 'GET', '/servicestatus', STYLES.text, (ctx) => {
		const { status, message } = store.serviceStatus;
		if (status >= 400) throw new CaError(status, message);
		sendJson(ctx.res, 200, { status: message, timestamp: new Date().toISOString() });
	});
}
