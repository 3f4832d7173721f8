export type PageVisit = {
  url: string;
  status: number;
  /** Where a redirect points, absolute. */
  location?: string;
  /** The page's <h1> or <title>, for the transcript. */
  title?: string;
  body: string;
};

/**
 * A writer's browser reduced to what onboarding needs: GETs that do not follow redirects (so each
 * hop can be shown and checked) and a cookie jar per origin, as a browser keeps one.
 */
export class HopBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string): Promise<PageVisit> {
    const target = new URL(url);
    const jar = this.jarOf(target.origin);
    const headers: Record<string, string> = {};
    if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      if (index <= 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    const body = await response.text();
    const location = response.headers.get('location');
    const visit: PageVisit = { url, status: response.status, body };
    if (location !== null) visit.location = new URL(location, url).toString();
    const title = pageTitle(body);
    if (title !== undefined) visit.title = title;
    return visit;
  }

  private jarOf(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (jar === undefined) {
      jar = new Map();
      this.jars.set(origin, jar);
    }
    return jar;
  }
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The first heading of an HTML page (else its title), as text. */
export function pageTitle(html: string): string | undefined {
  const match = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html) ?? /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  if (!match?.[1]) return undefined;
  return match[1]
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}
