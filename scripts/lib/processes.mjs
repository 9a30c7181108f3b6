// Child processes in their own process groups (n8n with its task runners, the sandbox): tracked so that
// an exit, Ctrl-C or SIGTERM of this process stops them too, and stopped as a whole group.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const liveGroups = new Set();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a process exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

export function killGroup(group, signal) {
	try {
		process.kill(-group, signal);
	} catch {}
}

/** Live (non-zombie) members of a process group; falls back to kill(0) where /proc is missing. */
export function groupAlive(group) {
	if (existsSync('/proc/self/stat')) {
		for (const entry of readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			let stat;
			try {
				stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			} catch {
				continue;
			}
			// Fields after "(comm)": state ppid pgrp ...
			const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(pgrp) === group && state !== 'Z') return true;
		}
		return false;
	}
	return isAlive(-group);
}

process.on('exit', () => {
	for (const group of liveGroups) killGroup(group, 'SIGKILL');
});

// The 'exit' handler does not run when a signal ends the process: stop the groups now, then let the
// signal do what it would have done (unless someone else handles it).
function onSignal(signal) {
	for (const s of SIGNALS) process.off(s, onSignal);
	Promise.all([...liveGroups].map((group) => stopGroup(group, undefined, 5000))).finally(() => {
		if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
	});
}

/** Remembers a process group so that it is stopped when this process ends. */
export function trackGroup(group) {
	liveGroups.add(group);
	if (liveGroups.size === 1) for (const signal of SIGNALS) process.on(signal, onSignal);
}

function untrackGroup(group) {
	liveGroups.delete(group);
	if (liveGroups.size === 0) for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** SIGTERM to the whole group, SIGKILL after timeoutMs; resolves when no member is left. */
export async function stopGroup(group, child, timeoutMs) {
	const gone = () =>
		(!child || child.exitCode !== null || child.signalCode !== null) && !groupAlive(group);
	if (!gone()) {
		killGroup(group, 'SIGTERM');
		const killAt = Date.now() + timeoutMs;
		while (!gone() && Date.now() < killAt) await sleep(100);
		if (!gone()) {
			killGroup(group, 'SIGKILL');
			const giveUpAt = Date.now() + 10_000;
			while (!gone() && Date.now() < giveUpAt) await sleep(100);
			if (!gone()) throw new Error(`process group ${group} survived SIGKILL`);
		}
	}
	untrackGroup(group);
}
