// Opens a URL in a new tab from an extension page (popups cannot rely on window.open).
export async function openTab(url: string): Promise<void> {
  try {
    await browser.tabs.create({ url });
  } catch {
    window.open(url, '_blank', 'noopener,noreferrer');
  }
}
