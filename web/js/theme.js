// Applies the saved colour theme before the page paints: a small classic script at the end of <head>, fetched in
// the same wave as the stylesheet and the preloads (the automatic theme is the stylesheet's own, by
// prefers-color-scheme). Besides the theme choice the app stores quiz progress and the quality log; nothing about
// a patient is stored.
try {
  var savedTheme = localStorage.getItem('ketadose-theme');
  if (savedTheme === 'light' || savedTheme === 'dark') document.documentElement.dataset.theme = savedTheme;
} catch (error) { /* storage disabled: follow the system theme */ }
