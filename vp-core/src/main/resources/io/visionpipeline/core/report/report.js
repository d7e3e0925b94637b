(function () {
  document.querySelectorAll('figure.nsfw').forEach(function (f) {
    f.addEventListener('click', function () { f.classList.toggle('revealed'); });
  });
  var frames = Array.prototype.slice.call(document.querySelectorAll('figure.frame'));
  document.querySelectorAll('[data-seek]').forEach(function (el) {
    el.addEventListener('click', function () {
      var t = parseFloat(el.getAttribute('data-seek')), best = null;
      frames.forEach(function (f) {
        var d = Math.abs(parseFloat(f.getAttribute('data-t')) - t);
        if (best === null || d < best.d) { best = {f: f, d: d}; }
      });
      if (best) {
        frames.forEach(function (f) { f.classList.remove('focus'); });
        best.f.classList.add('focus');
        best.f.scrollIntoView({block: 'center'});
      }
    });
  });
})();
