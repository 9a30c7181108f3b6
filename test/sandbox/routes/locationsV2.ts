import type { Router } from '../http';
import type { SandboxState } from '../state';

export function registerLocationV2Routes(_router: Router, _state: SandboxState): void {}
