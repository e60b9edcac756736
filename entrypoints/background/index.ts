export default defineBackground(() => {
  // wired in a later commit
});
