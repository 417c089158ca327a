// The sync key as a QR code: an SVG image (qrcode, loaded only when a key is shown) as a data URL, so
// the page draws it as an <img> with no markup of ours injected.

export async function qrDataUrl(text: string): Promise<string> {
  const QRCode = await import('qrcode');
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
