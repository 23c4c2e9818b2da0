// Every email Tickpilot sends, in one place: subject, plain text and HTML per template, from typed data. Values are
// escaped in the HTML. Pure (no I/O): the notifications feature adds its templates here and sends with sendMail.

/** The data each template needs. */
export interface MailTemplates {
  verifyEmail: { name: string | null; url: string };
  resetPassword: { name: string | null; url: string; expiresMinutes: number };
  passwordChanged: { name: string | null; when: string; ip: string };
  twoFactorEnabled: { name: string | null; when: string };
  twoFactorDisabled: { name: string | null; when: string };
  accountDeleted: { name: string | null };
  /** A notification (lib/notify/templates.ts writes its title and lines). */
  notification: { name: string | null; title: string; lines: string[]; url: string };
}

/** A template's name. */
export type MailTemplate = keyof MailTemplates;

/** A rendered message. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

interface Parts {
  subject: string;
  greeting: string | null;
  lines: string[];
  action?: { label: string; url: string };
  footer: string;
}

function render(p: Parts): RenderedMail {
  const hello = p.greeting ? `Hi ${p.greeting},` : "Hi,";
  const text = [
    hello,
    "",
    ...p.lines,
    ...(p.action ? ["", `${p.action.label}: ${p.action.url}`] : []),
    "",
    p.footer,
  ]
    .join("\n")
    .concat("\n\n— Tickpilot\n");
  const button = p.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(p.action.url)}" style="background:#4f46e5;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(p.action.label)}</a></p><p style="color:#6b7280;font-size:12px">Or paste this link into your browser: ${escapeHtml(p.action.url)}</p>`
    : "";
  const html = `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#111827;max-width:560px;margin:0 auto;padding:24px"><p style="font-weight:700;font-size:18px">Tickpilot</p><p>${escapeHtml(hello)}</p>${p.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}${button}<p style="color:#6b7280;font-size:12px;margin-top:32px">${escapeHtml(p.footer)}</p></body></html>`;
  return { subject: p.subject, text, html };
}

const NOT_YOU =
  "If this was not you, reset your password and turn on two-factor authentication, or contact support.";

const TEMPLATES: { [K in MailTemplate]: (d: MailTemplates[K]) => Parts } = {
  verifyEmail: (d) => ({
    subject: "Confirm your email address",
    greeting: d.name,
    lines: ["Confirm this address to finish setting up your Tickpilot account and to connect exchange keys."],
    action: { label: "Confirm email address", url: d.url },
    footer: "The link works once and expires in 24 hours. If you did not sign up, ignore this email.",
  }),
  resetPassword: (d) => ({
    subject: "Reset your Tickpilot password",
    greeting: d.name,
    lines: ["Someone (hopefully you) asked to reset the password of your Tickpilot account."],
    action: { label: "Choose a new password", url: d.url },
    footer: `The link works once and expires in ${d.expiresMinutes} minutes. If you did not ask for it, ignore this email: your password stays as it is.`,
  }),
  passwordChanged: (d) => ({
    subject: "Your Tickpilot password was changed",
    greeting: d.name,
    lines: [`Your password was changed on ${d.when} from ${d.ip}. Every other session was signed out.`],
    footer: NOT_YOU,
  }),
  twoFactorEnabled: (d) => ({
    subject: "Two-factor authentication is on",
    greeting: d.name,
    lines: [
      `Two-factor authentication was turned on for your account on ${d.when}. Keep your recovery codes safe.`,
    ],
    footer: NOT_YOU,
  }),
  twoFactorDisabled: (d) => ({
    subject: "Two-factor authentication was turned off",
    greeting: d.name,
    lines: [`Two-factor authentication was turned off for your account on ${d.when}.`],
    footer: NOT_YOU,
  }),
  accountDeleted: (d) => ({
    subject: "Your Tickpilot account was deleted",
    greeting: d.name,
    lines: [
      "Your Tickpilot account and its data were deleted. Auto-trading stopped; positions already open on your own exchange account stay there.",
    ],
    footer: "If you did not do this, contact support right away.",
  }),
  notification: (d) => ({
    subject: d.title,
    greeting: d.name,
    lines: d.lines,
    action: { label: "Open Tickpilot", url: d.url },
    footer: "You get this because it is switched on in Settings → Notifications; switch it off there.",
  }),
};

/** Render one template with its data. */
export function renderMail<K extends MailTemplate>(template: K, data: MailTemplates[K]): RenderedMail {
  return render(TEMPLATES[template](data));
}
