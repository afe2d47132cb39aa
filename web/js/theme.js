// Applies the saved colour theme before the page paints (a classic script so it runs first). Besides the
// theme choice the app stores quiz progress and the quality log; nothing about a patient is stored.
try {
  var savedTheme = localStorage.getItem('ketadose-theme');
  if (savedTheme === 'light' || savedTheme === 'dark') document.documentElement.dataset.theme = savedTheme;
} catch (error) { /* storage disabled: follow the system theme */ }
