/** Where every problem `type` of the shop lives: `<base><slug>`, a stable identifier clients switch on. */
export const PROBLEM_TYPE_BASE = 'https://shop.example/problems/';
