// The frame of the terms and privacy pages: a title, the date of the current version, and numbered sections.
import Link from "next/link";

/** One section of a legal page. */
export interface LegalSection {
  title: string;
  body: React.ReactNode;
}

/** A readable legal page with a table of contents; `updated` is the date this version took effect. */
export function LegalPage({
  title,
  intro,
  updated,
  sections,
  seeAlso,
}: {
  title: string;
  seeAlso: { href: string; label: string };
  intro: React.ReactNode;
  updated: string;
  sections: LegalSection[];
}) {
  const id = (i: number) => `section-${i + 1}`;
  return (
    <article className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <p className="text-primary text-sm font-semibold">Legal</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight sm:text-4xl">{title}</h1>
      <p className="text-muted-foreground mt-2 text-sm">Last updated {updated}</p>
      <div className="text-muted-foreground mt-6 space-y-3 text-base leading-relaxed">{intro}</div>
      <nav aria-label="Sections" className="bg-muted/30 mt-8 rounded-xl border p-5">
        <ol className="grid list-decimal gap-1.5 pl-5 text-sm sm:grid-cols-2">
          {sections.map((s, i) => (
            <li key={s.title}>
              <a href={`#${id(i)}`} className="hover:text-primary underline-offset-4 hover:underline">
                {s.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <div className="mt-10 space-y-10">
        {sections.map((s, i) => (
          <section key={s.title} id={id(i)} className="scroll-mt-20">
            <h2 className="text-lg font-semibold tracking-tight">
              {i + 1}. {s.title}
            </h2>
            <div className="text-muted-foreground [&_strong]:text-foreground mt-3 space-y-3 text-sm leading-relaxed [&_ul]:list-disc [&_ul]:space-y-1.5 [&_ul]:pl-5">
              {s.body}
            </div>
          </section>
        ))}
      </div>
      <p className="text-muted-foreground mt-12 border-t pt-6 text-sm">
        See also the{" "}
        <Link href={seeAlso.href} className="text-primary underline-offset-4 hover:underline">
          {seeAlso.label}
        </Link>
        .
      </p>
    </article>
  );
}
