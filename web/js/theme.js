// Applies the saved colour theme before the page paints: a classic script, the first in <head>, so it waits for
// no other download (the automatic theme is the stylesheet's own, by prefers-color-scheme). Besides the
// theme choice the app stores quiz progress and the quality log; nothing about a patient is stored.
try {
  var savedTheme = localStorage.getItem('ketadose-theme');
  if (savedTheme === 'light' || savedTheme === 'dark') document.documentElement.dataset.theme = savedTheme;
} catch (error) { /* storage disabled: follow the system theme */ }
