import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

export type AlertChannelValue = 'EMAIL' | 'WEBHOOK';

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/** What is wrong with a target for a channel, as the server would say it (the server checks again, SSRF included). */
export function targetProblem(channel: AlertChannelValue, raw: string): string | null {
  const value = raw.trim();
  if (!value) return channel === 'EMAIL' ? 'An e-mail address is required.' : 'A webhook URL is required.';
  if (channel === 'EMAIL') return EMAIL.test(value) && value.length <= 254 ? null : 'Enter an e-mail address such as ops@example.com.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a URL such as https://example.com/hooks/conveyor.';
  }
  if (url.username || url.password) return 'Leave the user name and password out of the URL; verify the signature instead.';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.test(url.host.replace(/:\d+$/, ''))) return null;
  return 'A webhook URL must start with https:// (http:// only for localhost, outside production).';
}

/** The target control's validator; reads the channel from the sibling control. */
export function targetValidator(channel: () => AlertChannelValue): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const problem = targetProblem(channel(), String(control.value ?? ''));
    return problem ? { target: problem } : null;
  };
}
