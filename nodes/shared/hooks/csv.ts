/**
 * Small CSV reader/writer for GreenFlux's CSV endpoints (no dependency): `;` or `,` delimited,
 * RFC 4180 quoting (`"a;b"`, `""` for a quote, line breaks inside quotes), CRLF or LF, UTF-8 BOM.
 */

export type CsvDelimiter = ';' | ',';

export interface CsvRecord {
	/** 1-based line of the file where the record starts (the header is line 1). */
	line: number;
	fields: string[];
}

export interface ParsedCsv {
	delimiter: CsvDelimiter;
	header: string[];
	records: CsvRecord[];
}

/** `;` unless the first line has more unquoted commas than semicolons. */
export function detectDelimiter(text: string): CsvDelimiter {
	let semicolons = 0;
	let commas = 0;
	let quoted = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && (char === '\n' || char === '\r')) break;
		else if (!quoted && char === ';') semicolons++;
		else if (!quoted && char === ',') commas++;
	}
	return commas > semicolons ? ',' : ';';
}

/** Every record of the text, blank lines skipped. */
export function parseCsvRecords(text: string, delimiter: CsvDelimiter): CsvRecord[] {
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	let line = 1;
	let recordLine = 1;
	let touched = false;
	const endRecord = () => {
		fields.push(field);
		if (touched || fields.length > 1 || field !== '') records.push({ line: recordLine, fields });
		fields = [];
		field = '';
		touched = false;
	};
	for (let i = 0; i < source.length; i++) {
		const char = source[i];
		if (quoted) {
			if (char === '"' && source[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') {
				quoted = false;
			} else {
				if (char === '\n') line++;
				field += char;
			}
			continue;
		}
		if (char === '"') {
			quoted = true;
			touched = true;
		} else if (char === delimiter) {
			fields.push(field);
			field = '';
			touched = true;
		} else if (char === '\r' || char === '\n') {
			if (char === '\r' && source[i + 1] === '\n') i++;
			endRecord();
			line++;
			recordLine = line;
		} else {
			field += char;
		}
	}
	if (field !== '' || fields.length > 0 || touched) endRecord();
	return records;
}

/** Header row plus records; the delimiter is detected unless given. */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): ParsedCsv {
	const [head, ...records] = parseCsvRecords(text, delimiter);
	return { delimiter, header: (head?.fields ?? []).map((name) => name.trim()), records };
}

/** One object per data row, keyed by the header row (missing trailing fields become ''). */
export function csvToObjects(text: string): Array<Record<string, string>> {
	const { header, records } = parseCsv(text);
	return records.map(({ fields }) => {
		const row: Record<string, string> = {};
		header.forEach((name, i) => {
			row[name || `column${i + 1}`] = fields[i] ?? '';
		});
		for (let i = header.length; i < fields.length; i++) row[`column${i + 1}`] = fields[i];
		return row;
	});
}

function quote(value: string, delimiter: CsvDelimiter): string {
	const needsQuotes =
		value.includes(delimiter) ||
		value.includes('"') ||
		value.includes('\n') ||
		value.includes('\r') ||
		value !== value.trim();
	return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record (no line end), quoted only where needed. */
export function csvLine(
	fields: Array<string | number | undefined>,
	delimiter: CsvDelimiter,
): string {
	return fields.map((f) => quote(f === undefined ? '' : String(f), delimiter)).join(delimiter);
}

/** CSV text with a header row, CRLF line ends and quotes only where needed. */
export function toCsv(
	header: string[],
	rows: Array<Array<string | number | undefined>>,
	delimiter: CsvDelimiter = ';',
): string {
	const line = (fields: Array<string | number | undefined>) => csvLine(fields, delimiter);
	return [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}
