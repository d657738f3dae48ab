export function installedElectronBinary(root?: string): string | undefined;
