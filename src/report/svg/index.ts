export { pgrChart, fmtInterval } from './pgr.js';
export { scalingChart } from './scaling.js';
export { calibrationChart, calibrated } from './calibration.js';
export { imitationChart } from './imitation.js';
export { bucketChart } from './buckets.js';
export { shiftChart } from './shift.js';
export { computeChart, wallTime, formatSeconds } from './compute.js';
export { esc, emptyChart } from './core.js';
export { PALETTE, ROLE_COLOR } from './palette.js';
