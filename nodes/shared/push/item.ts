import type { IDataObject } from 'n8n-workflow';

import type { PushMethod, PushRoute } from './routing';

/** One output item of a push trigger (before its filters); classifiers add their own fields. */
export interface PushItem<
	M extends string = string,
	E extends string = string,
> extends IDataObject {
	event: E;
	module: M;
	method: PushMethod;
	receivedAt: string;
	/** The object exactly as GreenFlux sent it (envelope removed). */
	object: IDataObject;
}

/** What a classifier makes of one push. */
export interface ClassifiedPush<M extends string = string, E extends string = string> {
	items: Array<PushItem<M, E>>;
}

/** The fields every item starts with, in this order. */
export function pushItem<M extends string, E extends string>(
	route: PushRoute<M>,
	receivedAt: string,
	object: IDataObject,
	event: E,
): PushItem<M, E> {
	return { event, module: route.module, method: route.method, receivedAt, object };
}
