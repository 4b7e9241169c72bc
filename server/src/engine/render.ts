export function renderNewReport(): string { return ''; }
