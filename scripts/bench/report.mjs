// The bench's figures: min/median/max per path and metric, ratios of medians against the targets.

const METRICS = {
	executionMs: { label: 'execution', unit: 'ms' },
	storedMs: { label: 'until stored', unit: 'ms' },
	peakRss: { label: 'n8n peak RSS', unit: 'MB', scale: 2 ** -20 },
	storedBytes: { label: 'stored data', unit: 'MB', scale: 2 ** -20 },
	rate: { label: 'answers/s', unit: '/s' },
	p50: { label: 'p50', unit: 'ms' },
	p99: { label: 'p99', unit: 'ms' },
};

function stats(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return { min: sorted[0], median: sorted[(sorted.length - 1) >> 1], max: sorted.at(-1) };
}

/** { group: { path: { metric: { min, median, max } } }, ratios: [{ name, value, target, met }] } */
export function summarise(report) {
	const figures = {};
	for (const [group, paths] of Object.entries(report.runs)) {
		for (const [name, results] of Object.entries(paths)) {
			const byMetric = {};
			for (const metric of Object.keys(METRICS)) {
				const values = results.map((r) => r[metric]).filter((v) => typeof v === 'number');
				if (values.length > 0) byMetric[metric] = stats(values);
			}
			for (const count of ['acknowledged', 'executions', 'lost', 'unexpected', 'requests'])
				if (results.some((r) => typeof r[count] === 'number'))
					byMetric[count] = results.reduce((sum, r) => sum + (r[count] ?? 0), 0);
			(figures[group] ??= {})[name] = byMetric;
		}
	}
	const median = (group, name, metric) => figures[group]?.[name]?.[metric]?.median;
	const ratios = [];
	const ratio = (name, a, b, target, atMost = true) => {
		if (a === undefined || b === undefined) return;
		const value = a / b;
		ratios.push({ name, value, target, met: atMost ? value <= target : value >= target });
	};
	const limit = (name, value, target) => {
		if (Number.isFinite(value)) ratios.push({ name, value, target, met: value <= target });
	};
	for (const v of ['1', '2']) {
		ratio(
			`P1 node v${v} / raw loop v${v} (execution)`,
			median('P1', `node v${v}`, 'executionMs'),
			median('P1', `raw loop v${v}`, 'executionMs'),
			1.25,
		);
		ratio(
			`P1 node v${v} / HTTP Request + Split Out (until stored)`,
			median('P1', `node v${v}`, 'storedMs'),
			median('P1', 'HTTP Request + Split Out', 'storedMs'),
			1.0,
		);
	}
	// No target: shows how much of the gap to the raw loop is n8n's HTTP stack (axios) rather than the node.
	const axiosLoop = median('P1', "raw loop v2 with n8n's axios", 'executionMs');
	const undiciLoop = median('P1', 'raw loop v2', 'executionMs');
	if (axiosLoop !== undefined && undiciLoop !== undefined) {
		ratios.push({
			name: "P1 raw loop v2 with n8n's axios / raw loop v2",
			value: axiosLoop / undiciLoop,
		});
		const node = median('P1', 'node v2', 'executionMs');
		if (node !== undefined)
			ratios.push({ name: "P1 node v2 / raw loop v2 with n8n's axios", value: node / axiosLoop });
	}
	ratio(
		'P1b node CSV file (until stored) / raw loop CSV',
		median('P1b', 'node CSV file', 'storedMs'),
		median('P1b', 'raw loop CSV', 'executionMs'),
		2.5,
	);
	limit(
		'P1b n8n peak RSS in a fresh n8n (GB)',
		figures.P1b?.['node CSV file, fresh n8n']?.peakRss?.max / 2 ** 30,
		1,
	);
	limit(
		'P1b stored execution data (MB)',
		figures.P1b?.['node CSV file']?.storedBytes?.max / 2 ** 20,
		1,
	);
	for (const name of Object.keys(figures.P2 ?? {})) {
		const match = /^GreenFlux Trigger(, event not selected)?, (c=\d+.*)$/.exec(name);
		if (!match) continue;
		const webhook = median('P2', `Webhook node, ${match[2]}`, 'rate');
		ratio(
			`P2 ${name} / Webhook node (rate)`,
			median('P2', name, 'rate'),
			webhook,
			match[1] ? 50 : 0.9,
			false,
		);
	}
	return { figures, ratios };
}

const cellOf = (s, { scale = 1 }) =>
	s
		? [s.min, s.median, s.max].map((v) => (v * scale).toFixed(v * scale < 10 ? 1 : 0)).join(' / ')
		: '';

export function printReport(report, print) {
	const { figures, ratios } = report.summary;
	const m = report.machine;
	print('');
	print(
		`Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB; load ${report.loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${report.loadAfter.map((l) => l.toFixed(2)).join(' ')} after`,
	);
	print(
		`Settings: ${report.settings.reps} repetition(s), ${report.rows ?? report.settings.cdrs} CDRs, pushes for ${report.settings.seconds} s per run; figures are min / median / max`,
	);
	for (const [group, paths] of Object.entries(figures)) {
		const metrics = Object.keys(METRICS).filter((metric) =>
			Object.values(paths).some((p) => p[metric]),
		);
		const counts = ['requests', 'acknowledged', 'executions', 'lost'].filter((c) =>
			Object.values(paths).some((p) => p[c] !== undefined),
		);
		print('');
		print(
			`| ${group} | ${metrics.map((k) => `${METRICS[k].label} (${METRICS[k].unit})`).join(' | ')} | ${counts.join(' | ')} |`,
		);
		print(`|---|${metrics.map(() => '---').join('|')}|${counts.map(() => '---').join('|')}|`);
		for (const [name, byMetric] of Object.entries(paths))
			print(
				`| ${name} | ${metrics.map((k) => cellOf(byMetric[k], METRICS[k])).join(' | ')} | ${counts.map((c) => byMetric[c] ?? '').join(' | ')} |`,
			);
	}
	print('');
	print('| Ratio (medians) | value | target | |');
	print('|---|---|---|---|');
	for (const r of ratios)
		print(
			r.target === undefined
				? `| ${r.name} | ${r.value.toFixed(2)} | (no target) | |`
				: `| ${r.name} | ${r.value.toFixed(2)} | ${r.name.includes('(rate)') ? '≥' : '≤'} ${r.target} | ${r.met ? 'met' : 'MISSED'} |`,
		);
}
