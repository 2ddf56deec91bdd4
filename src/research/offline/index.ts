/** Registers the offline researcher (kind `offline`). */
import './researcher.js';
export { OfflineResearcher, type OfflineOptions, type Trial } from './researcher.js';
