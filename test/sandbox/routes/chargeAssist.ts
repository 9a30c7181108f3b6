import { sendJson, type Router } from '../http';

/** Charge Assist routes (the credential test's service status for now). */
export function registerChargeAssistRoutes(router: Router): void {
	router.add('GET', '/servicestatus', { module: 'chargeAssist', api: 'chargeAssist' }, (ctx) => {
		sendJson(ctx.res, 200, { status: 'Operational', timestamp: new Date().toISOString() });
	});
}
