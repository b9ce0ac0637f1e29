/** `+380•••••4567`: enough for a person to recognise their number, too little to call it. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 4)}•••••${phone.slice(-4)}`;
}
