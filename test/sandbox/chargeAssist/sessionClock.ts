import type { CaSession, SessionStatus } from './records';

/**
 * A Charge Assist session's life, computed from its timestamps on every read (no timers), in clock steps `t`
 * (SandboxOptions.chargeAssistClockMs) after the start request at `c` and the stop request at `s`:
 * - charge:   REQUESTED c → STARTING c+t → CHARGING c+2t → PARKING c+32t (the car is full);
 * - stop:     STOPPING s → COMPLETED s+t → CDR_AVAILABLE s+3t (a stop before CHARGING: CANCELLED at s);
 * - REJECTED: REQUESTED c → REJECTED c+t (EVSE not available, or an invalid charge card);
 * - TIMEOUT:  REQUESTED c → STARTING c+t → TIMEOUT c+4t (the charge station is offline).
 * One step is one simulated minute of charging at the connector's power.
 */
export const PARKING_AFTER_STEPS = 30;
export const TIMEOUT_AFTER_STEPS = 4;
export const FINAL_STATUSES: ReadonlySet<SessionStatus> = new Set([
	'CDR_AVAILABLE',
	'REJECTED',
	'TIMEOUT',
	'CANCELLED',
	'ERROR',
]);
/** Statuses in which the session keeps its EVSE busy. */
const OCCUPYING: ReadonlySet<SessionStatus> = new Set([
	'REQUESTED',
	'STARTING',
	'CHARGING',
	'PARKING',
	'STOPPING',
]);

export interface Milestone {
	status: SessionStatus;
	at: number;
}

/** Every status change the session has had or will have (as far as known now). */
export function timeline(session: CaSession, t: number): Milestone[] {
	const c = session.createdAt;
	if (session.history)
		return [
			{ status: 'CHARGING', at: session.history.startTime },
			{ status: 'CDR_AVAILABLE', at: session.history.endTime },
		];
	const steps: Milestone[] = [{ status: 'REQUESTED', at: c }];
	if (session.outcome === 'REJECTED') steps.push({ status: 'REJECTED', at: c + t });
	else if (session.outcome === 'TIMEOUT')
		steps.push(
			{ status: 'STARTING', at: c + t },
			{ status: 'TIMEOUT', at: c + TIMEOUT_AFTER_STEPS * t },
		);
	else
		steps.push(
			{ status: 'STARTING', at: c + t },
			{ status: 'CHARGING', at: c + 2 * t },
			{ status: 'PARKING', at: c + (2 + PARKING_AFTER_STEPS) * t },
		);
	const stop = session.stoppedAt;
	if (stop === null) return steps;
	const before = steps.filter((m) => m.at <= stop);
	if (FINAL_STATUSES.has(before[before.length - 1].status)) return before;
	if (!before.some((m) => m.status === 'CHARGING'))
		return [...before, { status: 'CANCELLED', at: stop }];
	return [
		...before,
		{ status: 'STOPPING', at: stop },
		{ status: 'COMPLETED', at: stop + t },
		{ status: 'CDR_AVAILABLE', at: stop + 3 * t },
	];
}

export interface ClockView {
	status: SessionStatus;
	/** When the current status began. */
	since: number;
	/** When the next known change happens (undefined once final, or while charging/parking until a stop). */
	next?: number;
	chargingFrom?: number;
	/** End of the energy transfer (PARKING, stop or now). */
	chargingUntil?: number;
	endTime?: number;
}

export function clockView(session: CaSession, t: number, now: number): ClockView {
	const steps = timeline(session, t);
	let index = 0;
	while (index + 1 < steps.length && steps[index + 1].at <= now) index++;
	const current = steps[index];
	const chargingFrom = steps.find((m) => m.status === 'CHARGING')?.at;
	const ends = steps.filter((m) => ['PARKING', 'STOPPING', 'CDR_AVAILABLE'].includes(m.status));
	const chargingEnd = ends.find((m) => m.at <= now)?.at;
	const completed = steps.find((m) => m.status === 'COMPLETED' || m.status === 'CDR_AVAILABLE');
	return {
		status: current.status,
		since: current.at,
		next: steps[index + 1]?.at,
		chargingFrom: chargingFrom !== undefined && chargingFrom <= now ? chargingFrom : undefined,
		chargingUntil: chargingFrom === undefined ? undefined : Math.min(chargingEnd ?? now, now),
		endTime:
			session.history?.endTime ??
			(completed && completed.at <= now ? (session.stoppedAt ?? undefined) : undefined),
	};
}

export const isFinal = (status: SessionStatus) => FINAL_STATUSES.has(status);

export function occupiesEvse(session: CaSession, t: number, now: number): boolean {
	if (session.history || session.outcome === 'REJECTED') return false;
	return OCCUPYING.has(clockView(session, t, now).status);
}
