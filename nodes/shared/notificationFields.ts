import type { IDataObject } from 'n8n-workflow';

import { isObject } from './envelope';

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The OCPP action of a charge station notification under any of the spellings GreenFlux uses. */
export function notificationAction(notification: IDataObject): string | undefined {
	return (
		text(notification.message_action) ??
		text(notification.message_Action) ??
		text(notification.messageAction) ??
		text(notification.MessageAction)
	);
}

/** The level of a notification (Info, Warning, Error), if it has one. */
export function notificationLevel(notification: IDataObject): string | undefined {
	return text(notification.level);
}

/** The OCPP payload GreenFlux sends as a JSON string in `charge_station_message_payload`, parsed (null if not JSON). */
export function notificationPayload(notification: IDataObject): IDataObject | null {
	const value = notification.charge_station_message_payload;
	if (isObject(value)) return value;
	if (typeof value !== 'string') return null;
	try {
		const parsed: unknown = JSON.parse(value);
		return isObject(parsed) ? parsed : null;
	} catch {
		return null;
	}
}

/** The notification filters both GreenFlux triggers offer. */
export interface NotificationFilters {
	/** Notification levels to keep (case-insensitive); empty = all levels. */
	levels?: string[];
	/** Comma-separated OCPP message actions to keep (case-insensitive); empty = all. */
	messageActions?: string;
}

/** The filters in a canonical form: lower case, sorted, no blanks (for comparisons and fingerprints). */
export function normalisedNotificationFilters(filters: NotificationFilters): {
	levels: string[];
	actions: string[];
} {
	const clean = (values: string[]) =>
		[...new Set(values.map((value) => value.trim().toLowerCase()).filter((v) => v !== ''))].sort();
	return {
		levels: clean(filters.levels ?? []),
		actions: clean((filters.messageActions ?? '').split(',')),
	};
}

/** Whether a notification passes the level and message-action filters. */
export function matchesNotificationFilters(
	notification: IDataObject,
	filters: NotificationFilters,
): boolean {
	const { levels, actions } = normalisedNotificationFilters(filters);
	const level = (notificationLevel(notification) ?? '').toLowerCase();
	const action = (notificationAction(notification) ?? '').toLowerCase();
	if (levels.length > 0 && !levels.includes(level)) return false;
	if (actions.length > 0 && !actions.includes(action)) return false;
	return true;
}
