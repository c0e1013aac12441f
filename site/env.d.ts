/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The interface language of this request (from the URL, else Accept-Language). */
    lang: import('#src/i18n/index.ts').Locale;
    /**
     * The language of the address (/cy/...): `lang` itself, or a content language the
     * interface is not written in. Links and content follow it; interface strings follow `lang`.
     */
    pageLang: string;
    dir: 'ltr' | 'rtl';
    t: import('#src/i18n/index.ts').Translate;
    /** The request path without its language segment, for the language switcher. */
    pathWithoutLang: string;
    /** Whether the URL carried a language segment with pages (an interface or a published content language). */
    langFromUrl: boolean;
    /** An editor's draft preview: content from drafts, nothing cached or indexed (middleware.ts). */
    preview?: boolean;
    /** Set by a public page that may be served from the page cache until this instant (ms). */
    cacheUntil?: number;
    /** The signed-in member of staff on /staff pages (null when signed out); unset elsewhere. */
    staff?: import('#src/auth/index.ts').StaffUser | null;
    /** The form of a POST to a page, read bounded and parsed by the middleware (never unset on a POST that reaches a page). */
    form?: FormData;
  }
}
