// Minimal typings for typed-function 4 (the package ships none).
declare module 'typed-function' {
  export interface TypeDef { name: string; test: (x: unknown) => boolean }
  export interface Signature { params: { types: { name: string }[] }[] }
  export interface Typed {
    (name: string, signatures: Record<string, (...args: any[]) => any>): (...args: any[]) => any;
    create(): Typed;
    addTypes(types: TypeDef[], before?: string | false): void;
    onMismatch: (name: string, args: ArrayLike<unknown>, signatures: Signature[]) => never;
  }
  const typed: Typed;
  export default typed;
}
