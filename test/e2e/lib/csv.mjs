// A small RFC 4180 reader for the CSV files the demo workflows write (quoted fields, "" escapes,
// CRLF or LF, a leading byte-order mark). Returns rows as objects keyed by the header row.
export function parseCsv(text) {
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	const input = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < input.length; i++) {
		const c = input[i];
		if (quoted) {
			if (c === '"' && input[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && input[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	const [header, ...records] = rows;
	return {
		header: header ?? [],
		rows: records.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? '']))),
	};
}
