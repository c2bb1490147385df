/** 0 done, 1 the operation failed (a sentence on stderr), 2 wrong arguments (usage on stderr). */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
