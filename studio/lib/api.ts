/** The Content Lake API version the Studio's own queries use (validation, desk, preview links, Vision). */
export const API_VERSION = '2025-01-01'
