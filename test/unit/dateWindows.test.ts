import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';

import { parseDate } from '../../nodes/shared/dates';
import { formatQueryDate, splitIntoWindows } from '../../nodes/shared/dateWindows';

const HOUR = 3_600_000;

describe('date windows', () => {
	it('splits a range into consecutive half-open windows shorter than the maximum', () => {
		const from = DateTime.fromISO('2026-01-01T00:00:00Z', { zone: 'utc' });
		const to = from.plus({ days: 10 });
		const windows = splitIntoWindows(from, to, 72 * HOUR);
		expect(windows.length).toBe(4);
		expect(windows[0].from.equals(from)).toBe(true);
		expect(windows[windows.length - 1].to.equals(to)).toBe(true);
		for (let i = 0; i < windows.length; i++) {
			expect(windows[i].to.diff(windows[i].from).as('milliseconds')).toBeLessThan(72 * HOUR);
			expect(windows[i].to > windows[i].from).toBe(true);
			if (i > 0) expect(windows[i].from.equals(windows[i - 1].to)).toBe(true);
		}
	});

	it('returns one window for a short range and none for an empty one', () => {
		const from = DateTime.fromISO('2026-01-01T00:00:00Z');
		expect(splitIntoWindows(from, from.plus({ hours: 5 }), 72 * HOUR)).toHaveLength(1);
		expect(splitIntoWindows(from, from, 72 * HOUR)).toHaveLength(0);
	});

	it('formats query dates as GreenFlux documents them', () => {
		expect(formatQueryDate(DateTime.fromISO('2026-03-04T05:06:07.890+02:00'))).toBe(
			'2026-03-04T03:06:07Z',
		);
	});

	it('parses the date shapes n8n hands over and rejects nonsense', () => {
		expect(parseDate('2026-01-31T10:00:00', 'Europe/Amsterdam')?.toISO()).toBe(
			'2026-01-31T09:00:00.000Z',
		);
		expect(parseDate('2026-01-31T10:00:00Z', 'Europe/Amsterdam')?.toISO()).toBe(
			'2026-01-31T10:00:00.000Z',
		);
		expect(parseDate('2026-01-31 10:00:00', 'UTC')?.toISO()).toBe('2026-01-31T10:00:00.000Z');
		expect(parseDate(new Date('2026-01-31T10:00:00Z'), 'UTC')?.toISO()).toBe(
			'2026-01-31T10:00:00.000Z',
		);
		expect(parseDate(DateTime.fromISO('2026-01-31T10:00:00Z'), 'UTC')?.toISO()).toBe(
			'2026-01-31T10:00:00.000Z',
		);
		expect(parseDate('last tuesday', 'UTC')).toBeUndefined();
		expect(parseDate('2026-13-45', 'UTC')).toBeUndefined();
	});
});
