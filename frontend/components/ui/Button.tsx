import type { ButtonHTMLAttributes } from 'react';

const LOOKS = {
  primary: 'bg-slate-900 text-white hover:bg-slate-700 disabled:bg-slate-500',
  secondary: 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-100 disabled:text-slate-500',
  danger: 'border border-red-700 bg-white text-red-800 hover:bg-red-50 disabled:text-slate-500',
};

/** The admin pages' buttons, in three looks. */
export function Button({ look = 'secondary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { look?: keyof typeof LOOKS }) {
  return <button type="button" {...props} className={`rounded-lg px-3 py-1.5 text-sm font-semibold whitespace-nowrap disabled:cursor-not-allowed ${LOOKS[look]} ${className}`} />;
}
