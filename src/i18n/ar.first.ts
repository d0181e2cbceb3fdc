/** The Arabic strings of the first screen (see ./en.first.ts). */
import type { FirstScreenStrings } from './en.first.js';

export const arFirst: FirstScreenStrings = {
  phoneHeading: 'أنشئ حسابك',
  phoneIntro: 'أدخل رقم هاتفك المحمول. سنرسل إليك رمزًا في رسالة نصية.',
  phoneLabel: 'رقم الهاتف المحمول',
  phoneHint: 'مع رمز الدولة أو بدونه، ويمكنك كتابة المسافات والشرطات.',
  phoneSubmit: 'أرسل الرمز',
  countryLabel: 'الدولة',
  countryEgypt: 'مصر',
  phoneCodeHeading: 'أدخل الرمز الذي أرسلناه',
  phoneCodeIntro: 'أرسلنا رمزًا من 6 أرقام إلى {to}.',
  codeLabel: 'رمز التحقق',
  codeSubmit: 'تحقّق',
  resend: 'أرسل رمزًا جديدًا',
  resendIn: 'يمكنك طلب رمز جديد بعد {seconds} ثانية',
  changePhone: 'غيّر الرقم',
  working: 'يُرجى الانتظار…',
  codeEmpty: 'أدخل الرمز.',
  codeInvalidCharacters: 'يتكون الرمز من أرقام فقط.',
  codeTooLong: 'يتكون الرمز من 6 أرقام.',
  codeIncomplete: 'يتكون الرمز من 6 أرقام.',
  errorNetwork: 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك وحاول مرة أخرى.',
};
