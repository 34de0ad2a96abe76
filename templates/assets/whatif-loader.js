// "Try your own numbers": loads the panel's code (assets/whatif.js) only when the reader opens
// the panel, follows a popover's "Change this input", or arrives on a shared `#set=` URL.
const panel = document.getElementById('whatif')
if (panel) {
  const load = (focus) =>
    import('./whatif.js').then(
      (m) => m.start(panel, focus),
      () => {
        const body = panel.querySelector('.whatif-body')
        if (body) body.textContent = 'The panel could not be loaded.'
      },
    )
  panel.addEventListener('toggle', () => {
    if (panel.open) void load()
  })
  if (/(^#|&)set=/.test(location.hash)) panel.open = true
  // Each number's popover offers to change the inputs it rests on.
  for (const popover of document.querySelectorAll('.provenance[popover]')) {
    popover.addEventListener('toggle', (event) => {
      if (event.newState !== 'open' || popover.querySelector('.whatif-change')) return
      const button = document.querySelector(`[popovertarget="${popover.id}"]`)
      const figure = button?.getAttribute('data-figure') ?? ''
      const p = document.createElement('p')
      p.className = 'whatif-change'
      const link = document.createElement('a')
      link.href = '#whatif'
      // A model input's popover names its source; a computed number's shows its formula.
      link.textContent = popover.querySelector('.prov-formula')
        ? 'Recompute it with your own inputs'
        : 'Change this input'
      link.addEventListener('click', (e) => {
        e.preventDefault()
        popover.hidePopover()
        panel.open = true
        panel.scrollIntoView({ block: 'start' })
        void load(figure)
      })
      p.append(link)
      popover.append(p)
    })
  }
}
