// Cell formats shared by the realtime report and its verdicts.
import { whole } from '../lib/table.mjs';

export const percent = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} %` : '–');
export const share = (value) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)} %` : '–');
export const ratio = (value) =>
  !Number.isFinite(value) ? '–' : value >= 100 ? `${whole(value)}×` : `${value.toFixed(2)}×`;
export const divide = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
